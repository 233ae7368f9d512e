package io.callmask.server.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.AllocationStrategy;
import io.callmask.server.masking.PhoneNumber;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PoolSimulationTest {

  static Workload small(long seed) {
    return new Workload(500, 20, 200, 6, Duration.ofHours(1), Duration.ofDays(2), 1.5, 5, 2,
        Integer.MAX_VALUE, seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void twoPoolNeedsExactlyTheLowerBound(long seed) {
    Workload workload = small(seed);
    List<SessionSpan> sessions = workload.sessions();
    int needed = PoolSimulation.poolNeeded(AllocationStrategy.TWO_POOL, sessions,
        workload.quarantine(), workload.trunks(), workload.capacity());
    assertThat(needed).isEqualTo(LowerBound.of(sessions, workload.quarantine()).twoPools());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void singlePoolNeedsAtMostFifteenPercentOverTheLowerBound(long seed) {
    Workload workload = small(seed);
    List<SessionSpan> sessions = workload.sessions();
    int needed = PoolSimulation.poolNeeded(AllocationStrategy.SINGLE_POOL, sessions,
        workload.quarantine(), workload.trunks(), workload.capacity());
    int bound = LowerBound.of(sessions, workload.quarantine()).onePool();
    assertThat(needed).isBetween(bound, (int) Math.floor(bound * 1.15));
  }

  @Test
  void dedicatedNeedsTwoNumbersPerConcurrentlyLiveSession() {
    PhoneNumber a = PhoneNumber.of("+15550000001");
    PhoneNumber b = PhoneNumber.of("+16660000001");
    PhoneNumber c = PhoneNumber.of("+15550000002");
    PhoneNumber d = PhoneNumber.of("+16660000002");
    List<SessionSpan> sessions = List.of(
        new SessionSpan(0, 10, a, b), new SessionSpan(5, 20, c, d), new SessionSpan(30, 40, a, d));
    assertThat(PoolSimulation.poolNeeded(AllocationStrategy.DEDICATED, sessions, Duration.ZERO,
        2, Integer.MAX_VALUE)).isEqualTo(4);
    assertThat(PoolSimulation.poolNeeded(AllocationStrategy.DEDICATED, sessions,
        Duration.ofSeconds(100), 2, Integer.MAX_VALUE)).isEqualTo(6);
  }

  @Test
  void aCapacityOfOneSessionPerNumberMakesEverySessionUseFreshNumbers() {
    PhoneNumber a = PhoneNumber.of("+15550000001");
    List<SessionSpan> sessions = List.of(
        new SessionSpan(0, 10, a, PhoneNumber.of("+16660000001")),
        new SessionSpan(1, 10, PhoneNumber.of("+15550000002"), PhoneNumber.of("+16660000002")));
    assertThat(PoolSimulation.poolNeeded(AllocationStrategy.SINGLE_POOL, sessions, Duration.ZERO,
        2, 1)).isEqualTo(4);
    assertThat(PoolSimulation.poolNeeded(AllocationStrategy.SINGLE_POOL, sessions, Duration.ZERO,
        2, 2)).isEqualTo(2);
  }
}
