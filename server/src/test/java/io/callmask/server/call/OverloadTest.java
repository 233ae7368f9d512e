package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OverloadTest {

  private static final Duration LIMIT = Duration.ofMillis(200);

  private final AtomicReference<Duration> lag = new AtomicReference<>(Duration.ZERO);
  /** The next uniform draw the overload control gets. */
  private double nextDraw;

  private Overload overload(Duration limit) {
    return new Overload(lag::get, limit, () -> nextDraw);
  }

  @Test
  void takesEveryCallUpToHalfTheLimitAndRefusesEveryCallFromTheLimitOn() {
    Overload overload = overload(LIMIT);
    nextDraw = 0.0;

    lag.set(Duration.ofMillis(100));
    assertThat(overload.refusesNewCall()).isFalse();
    nextDraw = 0.999_999;
    lag.set(Duration.ofMillis(200));
    assertThat(overload.refusesNewCall()).isTrue();
    lag.set(Duration.ofSeconds(3));
    assertThat(overload.refusesNewCall()).isTrue();
    lag.set(Duration.ofMillis(5));
    nextDraw = 0.0;
    assertThat(overload.refusesNewCall()).isFalse();

    assertThat(overload.refused()).isEqualTo(2);
  }

  @Test
  void betweenHalfTheLimitAndTheLimitRefusesAShareThatGrowsWithTheLag() {
    Overload overload = overload(LIMIT);

    // at 150 ms, halfway up the ramp, draws below 0.5 are refused
    lag.set(Duration.ofMillis(150));
    nextDraw = 0.49;
    assertThat(overload.refusesNewCall()).isTrue();
    nextDraw = 0.51;
    assertThat(overload.refusesNewCall()).isFalse();
    // at 190 ms, nine tenths up, 0.51 is refused too
    lag.set(Duration.ofMillis(190));
    assertThat(overload.refusesNewCall()).isTrue();
    nextDraw = 0.91;
    assertThat(overload.refusesNewCall()).isFalse();

    assertThat(overload.refused()).isEqualTo(2);
  }

  @Test
  void withRealDrawsTheShareRefusedFollowsTheRamp() {
    Overload overload = new Overload(lag::get, LIMIT);
    lag.set(Duration.ofMillis(125));

    long refused = IntStream.range(0, 20_000).filter(i -> overload.refusesNewCall()).count();

    // a quarter up the ramp: 5,000 expected, 4,700-5,300 is over six standard deviations wide
    assertThat(refused).isBetween(4_700L, 5_300L);
    assertThat(overload.refused()).isEqualTo(refused);
  }

  @Test
  void aZeroLimitNeverRefuses() {
    Overload off = overload(Duration.ZERO);
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
