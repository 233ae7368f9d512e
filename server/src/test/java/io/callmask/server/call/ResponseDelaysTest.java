package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseDelaysTest {

  private static final long MS = 1_000_000L;

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final ResponseDelays delays = new ResponseDelays(Duration.ofSeconds(1), clock::get);

  @Test
  void quickAnswersAreNotBeingBehind() {
    for (int i = 0; i < 100; i++) {
      answeredAfter(5);
    }
    assertThat(delays.behind()).isFalse();
  }

  @Test
  void answersHeardLateAreBeingBehind() {
    answeredAfter(1500);
    assertThat(delays.behind()).isTrue();
  }

  @Test
  void oneLateAnswerAmongQuickOnesIsNoise() {
    for (int i = 0; i < 50; i++) {
      answeredAfter(5);
    }
    answeredAfter(3000);

    assertThat(delays.behind()).isFalse();
  }

  @Test
  void catchingUpEndsIt() {
    answeredAfter(2000);
    for (int i = 0; i < 30; i++) {
      answeredAfter(5);
    }
    assertThat(delays.behind()).isFalse();
  }

  @Test
  void withNothingHeardForTheThresholdNothingShowsItBehind() {
    answeredAfter(2000);
    clock.addAndGet(999 * MS);
    assertThat(delays.behind()).isTrue();

    clock.addAndGet(MS);
    assertThat(delays.behind()).isFalse();
  }

  @Test
  void beforeAnyAnswerItIsNotBehind() {
    assertThat(delays.behind()).isFalse();
  }

  @Test
  void theThresholdIsHalfTheFailoverTimeout() {
    ResponseDelays forTwoSeconds = ResponseDelays.forFailoverTimeout(Duration.ofSeconds(2));
    long sent = forTwoSeconds.now() - 1100 * MS;
    forTwoSeconds.heard(sent);
    assertThat(forTwoSeconds.behind()).isTrue();
  }

  @Test
  void refusesANonPositiveThreshold() {
    assertThatThrownBy(() -> new ResponseDelays(Duration.ZERO, clock::get))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void answeredAfter(long millis) {
    long sent = clock.get();
    clock.addAndGet(millis * MS);
    delays.heard(sent);
  }
}
