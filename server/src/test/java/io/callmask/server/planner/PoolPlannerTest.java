package io.callmask.server.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.AllocationStrategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolPlannerTest {

  @Test
  void dedicatedGrowsWithTrafficWhileTheOtherStrategiesStayFlat() {
    PoolPlan plan = PoolPlanner.sweep(PoolSimulationTest.small(7), List.of(1.0, 4.0));
    PoolPlan.Row low = plan.rows().get(0);
    PoolPlan.Row high = plan.rows().get(1);
    assertThat(high.sessionsPerDay()).isGreaterThan(3.5 * low.sessionsPerDay());
    assertThat(high.needed().get(AllocationStrategy.DEDICATED))
        .isGreaterThan(3 * low.needed().get(AllocationStrategy.DEDICATED));
    assertThat(high.needed().get(AllocationStrategy.TWO_POOL))
        .isLessThan((int) (1.5 * low.needed().get(AllocationStrategy.TWO_POOL)));
    assertThat(high.needed().get(AllocationStrategy.SINGLE_POOL))
        .isLessThan((int) (1.5 * low.needed().get(AllocationStrategy.SINGLE_POOL)));
  }

  @Test
  void theTableHasOneLinePerTrafficLevelAndTheChartOneLinePerStrategyAndTheBound() {
    PoolPlan plan = PoolPlanner.sweep(PoolSimulationTest.small(7), List.of(1.0, 2.0));
    assertThat(plan.table().lines()).hasSize(4);
    assertThat(plan.table()).contains("two-pool", "single-pool", "dedicated");
    String svg = PlanChart.svg(plan);
    assertThat(svg).startsWith("<svg").contains("two-pool", "single-pool", "dedicated",
        "lower bound");
    assertThat(svg.split("<polyline", -1)).hasSize(5);
  }

  @Test
  void aRecordedWorkloadIsReplayedOnce() {
    Workload workload = PoolSimulationTest.small(3);
    PoolPlan plan = PoolPlanner.replay(workload.sessions(), Duration.ofDays(2), 2,
        Integer.MAX_VALUE);
    assertThat(plan.rows()).singleElement().satisfies(row -> {
      assertThat(row.sessions()).isEqualTo(1200);
      assertThat(row.ratio(AllocationStrategy.TWO_POOL)).isEqualTo(1.0);
    });
  }
}
