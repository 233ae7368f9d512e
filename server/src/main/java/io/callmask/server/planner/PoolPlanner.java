package io.callmask.server.planner;

import io.callmask.server.masking.AllocationStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code callmask simulate} engine: replays workloads through every strategy and collects a
 * {@link PoolPlan}. Stateless and thread-safe.
 */
public final class PoolPlanner {

  /** Traffic levels of a default sweep, as multiples of the workload. */
  public static final List<Double> DEFAULT_SCALES = List.of(0.25, 0.5, 1.0, 2.0, 4.0);

  private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  private PoolPlanner() {}

  /** Replays {@code workload} scaled by each factor of {@code scales}. */
  public static PoolPlan sweep(Workload workload, List<Double> scales) {
    List<PoolPlan.Row> rows = new ArrayList<>();
    for (double scale : scales) {
      Workload scaled = workload.scaled(scale);
      rows.add(row(scaled.sessions(), scaled.quarantine(), scaled.trunks(), scaled.capacity()));
    }
    return new PoolPlan(rows);
  }

  /** Replays recorded sessions (e.g. from {@link CsvWorkload}) once. */
  public static PoolPlan replay(List<SessionSpan> sessions, Duration quarantine, int trunks,
      int capacity) {
    return new PoolPlan(List.of(row(sessions, quarantine, trunks, capacity)));
  }

  private static PoolPlan.Row row(List<SessionSpan> sessions, Duration quarantine, int trunks,
      int capacity) {
    Map<AllocationStrategy, Integer> needed = new EnumMap<>(AllocationStrategy.class);
    for (AllocationStrategy strategy : AllocationStrategy.values()) {
      needed.put(strategy,
          PoolSimulation.poolNeeded(strategy, sessions, quarantine, trunks, capacity));
    }
    return new PoolPlan.Row(sessions.size(), perDay(sessions),
        LowerBound.of(sessions, quarantine), needed);
  }

  private static double perDay(List<SessionSpan> sessions) {
    if (sessions.isEmpty()) {
      return 0;
    }
    long first = sessions.get(0).openSecond();
    long last = sessions.get(sessions.size() - 1).openSecond();
    double days = Math.max(1, Math.ceil((last - first + 1) / SECONDS_PER_DAY));
    return sessions.size() / days;
  }
}
