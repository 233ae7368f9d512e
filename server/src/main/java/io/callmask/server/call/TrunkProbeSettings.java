package io.callmask.server.call;

import java.time.Duration;
import java.util.Objects;

/**
 * How trunk gateways are probed with OPTIONS (the {@code trunk.probe-*} configuration keys).
 * Immutable.
 *
 * @param interval time from the end of one probe round to the start of the next; zero disables
 *     probing, and every trunk stays {@link TrunkState#UNKNOWN} (never skipped)
 * @param timeout a probe unanswered this long counts as failed; meant to be shorter than Timer F
 *     (64·T1), so a silent gateway is noticed sooner than its transaction gives up
 * @param failures consecutive failed probes that mark a trunk down
 */
public record TrunkProbeSettings(Duration interval, Duration timeout, int failures) {

  /** Every 10 s, 2 s to answer, down after 2 failures in a row. */
  public static final TrunkProbeSettings DEFAULTS =
      new TrunkProbeSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), 2);

  /** Probing switched off. */
  public static final TrunkProbeSettings OFF =
      new TrunkProbeSettings(Duration.ZERO, Duration.ofSeconds(2), 2);

  public TrunkProbeSettings {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("probe interval must not be negative");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("probe timeout must be positive");
    }
    if (failures < 1) {
      throw new IllegalArgumentException("probe failures must be at least 1");
    }
  }

  /** Whether trunks are probed at all. */
  public boolean enabled() {
    return !interval.isZero();
  }
}
