package io.callmask.server.events;

import io.callmask.server.masking.Health;
import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.NumberStore.NumberFilter;
import io.callmask.server.masking.NumberStore.NumberUse;
import io.callmask.server.masking.PoolExhausted;
import io.callmask.server.masking.SessionListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the marketplace when a pool runs short (CONTRACT §7 {@code pool.low}, {@code
 * pool.exhausted}), so that numbers are bought before sessions are refused.
 *
 * <p>{@code pool.exhausted} is recorded when a session could not get a number, at most once per
 * (region, pool) per {@code exhaustedCooldown}, so a burst of refused creates is one event, not
 * thousands. {@code pool.low} is checked by {@link #checkLow} (run periodically): a (region, pool)
 * whose healthy numbers have less than {@code lowFraction} of their capacity free is reported once,
 * and again only after it recovered above that line. That memory is in this process: after a
 * restart a pool still low is reported once more. Thread-safe; blocking (reads and writes the
 * store).
 */
public final class PoolAlerts implements SessionListener {

  private static final Logger log = LoggerFactory.getLogger(PoolAlerts.class);

  private final NumberStore numbers;
  private final EventRecorder events;
  private final Clock clock;
  private final double lowFraction;
  private final Duration exhaustedCooldown;
  private final Map<String, Instant> lastExhausted = new ConcurrentHashMap<>();
  private final Set<String> low = ConcurrentHashMap.newKeySet();

  /**
   * @param lowFraction free share of capacity under which a pool is low, in [0, 1)
   * @param exhaustedCooldown least time between two {@code pool.exhausted} of one pool
   */
  public PoolAlerts(NumberStore numbers, EventRecorder events, Clock clock, double lowFraction,
      Duration exhaustedCooldown) {
    if (!(lowFraction >= 0 && lowFraction < 1)) {
      throw new IllegalArgumentException("lowFraction must be in [0, 1)");
    }
    this.numbers = Objects.requireNonNull(numbers, "numbers");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lowFraction = lowFraction;
    this.exhaustedCooldown = Objects.requireNonNull(exhaustedCooldown, "exhaustedCooldown");
  }

  /**
   * A session could not get a number: {@code pool.exhausted}, unless told recently. A store
   * failure is logged: the refused create is answered either way.
   */
  @Override
  public void poolExhausted(PoolExhausted outcome) {
    try {
      exhausted(outcome);
    } catch (RuntimeException e) {
      log.error("could not record pool.exhausted for {}", outcome.describe(), e);
    }
  }

  private void exhausted(PoolExhausted outcome) {
    String key = outcome.region() + "/" + outcome.pool().configName();
    Instant now = clock.instant();
    Instant previous = lastExhausted.get(key);
    if (previous != null && previous.plus(exhaustedCooldown).isAfter(now)) {
      return;
    }
    boolean first = previous == null ? lastExhausted.putIfAbsent(key, now) == null
        : lastExhausted.replace(key, previous, now);
    if (first) {
      events.record(EventType.POOL_EXHAUSTED, Optional.empty(), new ExhaustedData(
          outcome.region(), outcome.pool().configName(),
          outcome.constraint().code(), outcome.describe()));
    }
  }

  /** Records {@code pool.low} for each pool that just fell under the line; returns how many. */
  public int checkLow() {
    int reported = 0;
    Set<String> seen = new HashSet<>();
    for (PoolLevel level : levels()) {
      String key = level.region() + "/" + level.pool();
      seen.add(key);
      boolean isLow = level.capacity() == 0
          || (level.capacity() - level.liveSessions()) < lowFraction * level.capacity();
      if (!isLow) {
        low.remove(key);
      } else if (low.add(key)) {
        log.warn("pool {} is low: {} of {} session slots used on {} healthy numbers", key,
            level.liveSessions(), level.capacity(), level.healthyNumbers());
        events.record(EventType.POOL_LOW, Optional.empty(), level);
        reported++;
      }
    }
    low.retainAll(seen);
    return reported;
  }

  /** Use of one (region, pool) over its healthy numbers: the {@code data} of {@code pool.low}. */
  record PoolLevel(String region, String pool, int numbers, int healthyNumbers, long liveSessions,
      long capacity) {}

  /** The {@code data} of {@code pool.exhausted}. */
  record ExhaustedData(String region, String pool, String constraint, String message) {}

  private List<PoolLevel> levels() {
    Map<String, PoolLevel> byPool = new TreeMap<>();
    for (NumberUse use : numbers.numbers(NumberFilter.all())) {
      String key = use.number().region() + "/" + use.number().pool().configName();
      PoolLevel sum = byPool.getOrDefault(key, new PoolLevel(use.number().region(),
          use.number().pool().configName(), 0, 0, 0, 0));
      boolean healthy = use.number().health() == Health.HEALTHY;
      byPool.put(key, new PoolLevel(sum.region(), sum.pool(), sum.numbers() + 1,
          sum.healthyNumbers() + (healthy ? 1 : 0),
          sum.liveSessions() + (healthy ? use.liveSessions() : 0),
          sum.capacity() + (healthy ? use.number().capacity() : 0)));
    }
    return List.copyOf(byPool.values());
  }
}
