package io.callmask.server.masking;

import java.util.Locale;

/** How proxy numbers are shared between sessions (CONTRACT §4). */
public enum AllocationStrategy {
  /** Customers' numbers from pool {@code customer}, partners' from pool {@code partner}. */
  TWO_POOL,
  /** Both sides see numbers from pool {@code shared}. */
  SINGLE_POOL,
  /** A number serves one live session at a time: the baseline that grows with traffic. */
  DEDICATED;

  /** The configuration spelling, e.g. {@code two-pool}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Reads the configuration spelling; throws IllegalArgumentException naming the choices. */
  public static AllocationStrategy fromConfigName(String text) {
    for (AllocationStrategy strategy : values()) {
      if (strategy.configName().equals(text.trim())) {
        return strategy;
      }
    }
    throw new IllegalArgumentException("expected two-pool, single-pool or dedicated");
  }
}
