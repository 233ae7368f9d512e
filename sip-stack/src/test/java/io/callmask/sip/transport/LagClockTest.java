package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagClockTest {

  private final LagClock clock = new LagClock();

  @Test
  void aLoopThatRunsItsProbeOnTimeHasNoLag() {
    clock.due(1_000);
    assertThat(clock.lagNanos(900)).isZero();
    clock.ran(1_000);
    clock.due(21_000);
    assertThat(clock.lagNanos(1_500)).isZero();
  }

  @Test
  void theLastProbesLatenessIsTheLagUntilTheNextRuns() {
    clock.due(1_000);
    clock.ran(51_000);
    clock.due(71_000);
    assertThat(clock.lagNanos(52_000)).isEqualTo(50_000);
    clock.ran(72_000);
    assertThat(clock.lagNanos(72_500)).isEqualTo(1_000);
  }

  @Test
  void anOverdueProbeCountsAsLateAlready() {
    clock.due(1_000);
    clock.ran(1_000);
    clock.due(21_000);
    assertThat(clock.lagNanos(2_021_000)).isEqualTo(2_000_000);
  }

  @Test
  void aProbeRunningEarlyIsNoNegativeLag() {
    clock.due(1_000);
    clock.ran(800);
    assertThat(clock.lagNanos(900)).isZero();
  }

  @Test
  void aStoppedProbeCountsAsKeepingUp() {
    clock.due(1_000);
    clock.stopped();
    assertThat(clock.lagNanos(5_000_000)).isZero();
  }
}
