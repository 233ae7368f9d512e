package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consecutive failed call legs per proxy number and {@link CallDirection} (issue 4 §5): a failure
 * adds one, a success ends the streak. Only numbers in a streak take memory: a success removes the
 * counter, so the table never holds more than two entries per proxy number that is failing now.
 *
 * <p>Each failure is passed to a {@link FailureStreakListener} with the new streak length, where
 * the health policy can act at its threshold.
 *
 * <p>Thread-safe without a global lock: each update is one atomic operation on a concurrent map,
 * which locks only the counter's own bin, so legs of different numbers never wait for each other.
 * Never blocks (unless the listener does) and never throws: a failing listener is logged.
 */
public final class NumberFailureCounters implements NumberOutcomes {

  private static final Logger log = LoggerFactory.getLogger(NumberFailureCounters.class);

  private record Key(PhoneNumber number, CallDirection direction) {}

  private final Map<Key, Integer> streaks = new ConcurrentHashMap<>();
  private final FailureStreakListener listener;

  /** Counters nobody listens to yet. */
  public NumberFailureCounters() {
    this(FailureStreakListener.NONE);
  }

  public NumberFailureCounters(FailureStreakListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public void record(PhoneNumber number, CallDirection direction, boolean failed) {
    Key key = new Key(Objects.requireNonNull(number, "number"),
        Objects.requireNonNull(direction, "direction"));
    if (!failed) {
      streaks.remove(key);
      return;
    }
    int streak = streaks.merge(key, 1, Integer::sum);
    try {
      listener.onFailureStreak(number, direction, streak);
    } catch (RuntimeException e) {
      // the call path reporting this outcome must not fail because of the health policy
      log.warn("failure-streak listener failed for {} {}", number, direction, e);
    }
  }

  /** The current streak of failures of {@code number} in {@code direction}; 0 when none. */
  public int consecutiveFailures(PhoneNumber number, CallDirection direction) {
    return streaks.getOrDefault(new Key(number, direction), 0);
  }

  /** How many (number, direction) pairs are in a failure streak now: what this table holds. */
  public int tracked() {
    return streaks.size();
  }
}
