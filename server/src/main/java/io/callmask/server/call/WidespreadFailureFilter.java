package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps failures that hit most numbers at once away from the number health counters: when most
 * of the other proxy numbers used lately in a direction failed their last call too, the cause is
 * not any one number but something they share — callmask's own overload (a stalled server sees
 * the carrier's 180 too late and calls it silence), a network fault, a carrier-wide outage. Such a
 * failure neither adds to nor ends the number's streak; successes always pass. A number failing
 * alone among working ones is passed on as before, so a bad number is still caught.
 *
 * <p>"Used lately" is within {@link #WINDOW}; the comparison needs at least {@link #MIN_OTHERS}
 * other numbers, so a pool too small to compare is judged as before. Each number's last outcome is
 * kept for the window, at most one small entry per (number, direction) in use.
 *
 * <p>Thread-safe: each update is one atomic operation on a concurrent map, and the tallies it
 * keeps are adjusted inside it. The tallies are a view across numbers that may be a call or two
 * behind while calls end concurrently, which is enough for a share. Never blocks, never throws.
 */
public final class WidespreadFailureFilter implements NumberOutcomes {

  /** How long a number's last outcome counts: long enough to span a stall and its aftermath. */
  static final Duration WINDOW = Duration.ofMinutes(1);

  /** Fewer other numbers than this cannot tell a shared cause from a number's own. */
  static final int MIN_OTHERS = 2;

  private static final Logger log = LoggerFactory.getLogger(WidespreadFailureFilter.class);

  private record Key(PhoneNumber number, CallDirection direction) {}

  private record Last(long atNanos, boolean failed) {}

  /** Numbers used lately in one direction, and how many of them failed their last call. */
  private static final class Tally {
    final AtomicInteger used = new AtomicInteger();
    final AtomicInteger failing = new AtomicInteger();
    final AtomicBoolean widespread = new AtomicBoolean();
  }

  private final NumberOutcomes next;
  private final LongSupplier nanoTime;
  private final Map<Key, Last> lastOutcomes = new ConcurrentHashMap<>();
  private final Map<CallDirection, Tally> tallies = new EnumMap<>(CallDirection.class);
  private final AtomicLong nextPruneNanos;

  public WidespreadFailureFilter(NumberOutcomes next) {
    this(next, System::nanoTime);
  }

  WidespreadFailureFilter(NumberOutcomes next, LongSupplier nanoTime) {
    this.next = Objects.requireNonNull(next, "next");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    for (CallDirection direction : CallDirection.values()) {
      tallies.put(direction, new Tally());
    }
    this.nextPruneNanos = new AtomicLong(nanoTime.getAsLong() + WINDOW.toNanos());
  }

  @Override
  public void record(PhoneNumber number, CallDirection direction, boolean failed) {
    long now = nanoTime.getAsLong();
    Tally tally = tallies.get(Objects.requireNonNull(direction, "direction"));
    lastOutcomes.compute(new Key(Objects.requireNonNull(number, "number"), direction),
        (key, previous) -> {
          if (previous == null) {
            tally.used.incrementAndGet();
          } else if (previous.failed()) {
            tally.failing.decrementAndGet();
          }
          if (failed) {
            tally.failing.incrementAndGet();
          }
          return new Last(now, failed);
        });
    pruneIfDue(now);
    if (failed && isWidespread(tally, direction)) {
      return;
    }
    next.record(number, direction, failed);
  }

  /** Whether most other numbers of {@code direction} failed their last call as well. */
  private boolean isWidespread(Tally tally, CallDirection direction) {
    int others = tally.used.get() - 1;
    int othersFailing = tally.failing.get() - 1;
    boolean widespread = others >= MIN_OTHERS && 2 * othersFailing >= others;
    if (tally.widespread.compareAndSet(!widespread, widespread)) {
      if (widespread) {
        log.warn("{} of {} proxy numbers failed their last {} call: a shared cause (overload,"
            + " network, carrier); not held against the numbers while it lasts",
            othersFailing + 1, others + 1, direction.name().toLowerCase(Locale.ROOT));
      } else {
        log.info("{} failures are no longer widespread; number health counts them again",
            direction.name().toLowerCase(Locale.ROOT));
      }
    }
    return widespread;
  }

  /** Forgets numbers not used within the window, at most once a window, by one caller. */
  private void pruneIfDue(long now) {
    long due = nextPruneNanos.get();
    if (now - due < 0 || !nextPruneNanos.compareAndSet(due, now + WINDOW.toNanos())) {
      return;
    }
    long oldest = now - WINDOW.toNanos();
    for (Key key : lastOutcomes.keySet()) {
      lastOutcomes.computeIfPresent(key, (k, last) -> {
        if (last.atNanos() - oldest >= 0) {
          return last;
        }
        Tally tally = tallies.get(k.direction());
        tally.used.decrementAndGet();
        if (last.failed()) {
          tally.failing.decrementAndGet();
        }
        return null;
      });
    }
  }

  /** How many (number, direction) pairs were used within the window: what this filter holds. */
  int tracked() {
    return lastOutcomes.size();
  }
}
