package io.callmask.server.planner;

import io.callmask.server.masking.AllocationStrategy;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** What the planner found: per traffic level, the pool each strategy needed. Immutable. */
public record PoolPlan(List<Row> rows) {

  /** Copies the rows. */
  public PoolPlan {
    rows = List.copyOf(rows);
  }

  /**
   * One traffic level.
   *
   * @param sessions sessions replayed
   * @param sessionsPerDay their rate
   * @param bound the lower bound of that workload
   * @param needed numbers each strategy needed
   */
  public record Row(long sessions, double sessionsPerDay, LowerBound bound,
      Map<AllocationStrategy, Integer> needed) {
    /** Copies the map. */
    public Row {
      Objects.requireNonNull(bound, "bound");
      needed = Map.copyOf(new EnumMap<>(needed));
    }

    /** Pool needed over the bound that applies to the strategy (two pools or one). */
    public double ratio(AllocationStrategy strategy) {
      int bound = strategy == AllocationStrategy.TWO_POOL ? bound().twoPools() : bound().onePool();
      return bound == 0 ? 1 : needed.get(strategy) / (double) bound;
    }
  }

  /** A plain-text table: one line per traffic level, pool and ratio to the bound per strategy. */
  public String table() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "%12s %10s %10s %18s %18s %18s%n", "sessions/day", "bound(1)", "bound(2)",
        "two-pool", "single-pool", "dedicated"));
    for (Row row : rows) {
      text.append(String.format(Locale.ROOT, "%12.0f %10d %10d", row.sessionsPerDay(),
          row.bound().onePool(), row.bound().twoPools()));
      for (AllocationStrategy strategy : AllocationStrategy.values()) {
        text.append(String.format(Locale.ROOT, " %10d (%5.2fx)", row.needed().get(strategy),
            row.ratio(strategy)));
      }
      text.append(System.lineSeparator());
    }
    text.append("bound(1): most numbers one party held at once; bound(2): most one customer held"
        + " + most one partner held (two-pool's bound); ratios are to the strategy's bound.")
        .append(System.lineSeparator());
    return text.toString();
  }
}
