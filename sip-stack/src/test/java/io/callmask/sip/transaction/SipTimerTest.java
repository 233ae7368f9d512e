package io.callmask.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SipTimerTest {

  private static final TimerSettings RFC = TimerSettings.RFC_DEFAULTS;
  private static final TimerSettings FAST =
      new TimerSettings(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMillis(2000));

  @Test
  void initialValuesFollowTable4OnUnreliableTransport() {
    assertThat(SipTimer.A.initial(RFC, false)).isEqualTo(Duration.ofMillis(500));
    assertThat(SipTimer.E.initial(RFC, false)).isEqualTo(Duration.ofMillis(500));
    assertThat(SipTimer.G.initial(RFC, false)).isEqualTo(Duration.ofMillis(500));
    for (SipTimer timeout : new SipTimer[] {SipTimer.B, SipTimer.F, SipTimer.H, SipTimer.J,
        SipTimer.L, SipTimer.M}) {
      assertThat(timeout.initial(RFC, false)).as("timer %s", timeout).isEqualTo(Duration.ofSeconds(32));
    }
    assertThat(SipTimer.D.initial(RFC, false)).isEqualTo(Duration.ofSeconds(32));
    assertThat(SipTimer.I.initial(RFC, false)).isEqualTo(Duration.ofSeconds(5));
    assertThat(SipTimer.K.initial(RFC, false)).isEqualTo(Duration.ofSeconds(5));
    assertThat(SipTimer.C.initial(RFC, false)).isGreaterThan(Duration.ofMinutes(3));
  }

  @Test
  void absorptionTimersAreZeroOnReliableTransport() {
    for (SipTimer absorbing : new SipTimer[] {SipTimer.D, SipTimer.I, SipTimer.J, SipTimer.K}) {
      assertThat(absorbing.initial(RFC, true)).as("timer %s", absorbing).isZero();
    }
    assertThat(SipTimer.B.initial(RFC, true)).isEqualTo(Duration.ofSeconds(32));
    assertThat(SipTimer.L.initial(RFC, true)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void durationsDeriveFromConfiguredT1AndT4() {
    assertThat(SipTimer.B.initial(FAST, false)).isEqualTo(Duration.ofMillis(6400));
    assertThat(SipTimer.E.initial(FAST, false)).isEqualTo(Duration.ofMillis(100));
    assertThat(SipTimer.K.initial(FAST, false)).isEqualTo(Duration.ofMillis(2000));
  }

  @Test
  void timerADoublesWithoutCap() {
    assertThat(SipTimer.A.next(Duration.ofSeconds(4), RFC)).isEqualTo(Duration.ofSeconds(8));
    assertThat(SipTimer.A.next(Duration.ofSeconds(8), RFC)).isEqualTo(Duration.ofSeconds(16));
  }

  @Test
  void timersEAndGDoubleUpToT2() {
    for (SipTimer timer : new SipTimer[] {SipTimer.E, SipTimer.G}) {
      assertThat(timer.next(Duration.ofMillis(500), RFC)).isEqualTo(Duration.ofSeconds(1));
      assertThat(timer.next(Duration.ofSeconds(2), RFC)).isEqualTo(Duration.ofSeconds(4));
      assertThat(timer.next(Duration.ofSeconds(4), RFC)).isEqualTo(Duration.ofSeconds(4));
    }
  }

  @Test
  void nonRetransmissionTimersHaveNoNextInterval() {
    assertThatThrownBy(() -> SipTimer.B.next(Duration.ofSeconds(1), RFC))
        .isInstanceOf(IllegalStateException.class);
  }
}
