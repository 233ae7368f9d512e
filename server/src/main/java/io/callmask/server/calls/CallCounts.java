package io.callmask.server.calls;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many calls started since {@code since}, by status, and how many forwarded ones among them
 * failed over (tried more than one trunk). Immutable; {@code byStatus} has every status, zero
 * where none.
 */
public record CallCounts(Instant since, Map<CallStatus, Long> byStatus, long failovers) {

  public CallCounts {
    Objects.requireNonNull(since, "since");
    EnumMap<CallStatus, Long> all = new EnumMap<>(CallStatus.class);
    for (CallStatus status : CallStatus.values()) {
      all.put(status, byStatus.getOrDefault(status, 0L));
    }
    byStatus = Map.copyOf(all);
    if (failovers < 0) {
      throw new IllegalArgumentException("failovers must not be negative");
    }
  }

  /** Calls of every status. */
  public long total() {
    return byStatus.values().stream().mapToLong(Long::longValue).sum();
  }
}
