package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OverloadTest {

  private final AtomicReference<Duration> lag = new AtomicReference<>(Duration.ZERO);

  @Test
  void refusesFromTheLimitOnAndCountsEachRefusal() {
    Overload overload = new Overload(lag::get, Duration.ofMillis(200));

    lag.set(Duration.ofMillis(199));
    assertThat(overload.refusesNewCall()).isFalse();
    lag.set(Duration.ofMillis(200));
    assertThat(overload.refusesNewCall()).isTrue();
    lag.set(Duration.ofSeconds(3));
    assertThat(overload.refusesNewCall()).isTrue();
    lag.set(Duration.ofMillis(5));
    assertThat(overload.refusesNewCall()).isFalse();

    assertThat(overload.refused()).isEqualTo(2);
  }

  @Test
  void aZeroLimitNeverRefuses() {
    Overload off = new Overload(lag::get, Duration.ZERO);
    lag.set(Duration.ofMinutes(1));

    assertThat(off.refusesNewCall()).isFalse();
    assertThat(off.refused()).isZero();
  }

  @Test
  void aNegativeLimitIsAMistake() {
    assertThatThrownBy(() -> new Overload(lag::get, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
