package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a failure against a proxy number only when the number stands out: its share of failed
 * calls lately is at least {@link #STANDS_OUT_BY} above the share of the other numbers' calls in
 * the same direction. A failure the others share is not the number's: callmask's own overload (a
 * stalled server sees the carrier's 180 too late and calls it silence; an ACK waits in a full
 * socket buffer), a network fault, an outage of every carrier. Such a failure neither adds to nor
 * ends the number's streak; successes always pass. A number failing among working ones, or the
 * numbers of one failing trunk among those of a working one, are passed on as before.
 *
 * <p>"Lately" is a moving average that forgets with a time constant of {@link #MEMORY}. A pool
 * whose other numbers had too few calls lately ({@link #MIN_OTHER_CALLS}) cannot be compared, and
 * its failures are passed on as before. One small entry per (number, direction) in use; entries
 * of numbers unused for several time constants are dropped.
 *
 * <p>Why shares and not the last outcomes: measured at 1,000 calls/s on two cores, an overloaded
 * server failed a fraction of every number's calls at random, and five failures in a row on some
 * number came within seconds; it was then marked unhealthy, its sessions rewritten, and the
 * rewriting deepened the overload.
 *
 * <p>Thread-safe: each number's entry changes atomically in a concurrent map, each direction's
 * total under its own lock (a few arithmetic operations). Never blocks for long, never throws.
 */
public final class WidespreadFailureFilter implements NumberOutcomes {

  /** How fast old outcomes are forgotten: the time constant of the moving averages. */
  static final Duration MEMORY = Duration.ofSeconds(30);

  /** How far a number's share of failures must exceed the others' to be its own failure. */
  static final double STANDS_OUT_BY = 0.5;

  /** The weight of other numbers' recent calls below which there is nothing to compare with. */
  static final double MIN_OTHER_CALLS = 10;

  private static final Logger log = LoggerFactory.getLogger(WidespreadFailureFilter.class);
  private static final double FORGOTTEN = 0.01;

  private record Key(PhoneNumber number, CallDirection direction) {}

  /** Calls and failed calls, each weighted by its age, as of {@code atNanos}. Immutable. */
  private record Recent(double calls, double failed, long atNanos) {

    static final Recent NONE = new Recent(0, 0, 0);

    Recent plus(boolean failure, long now) {
      Recent aged = at(now);
      return new Recent(aged.calls + 1, aged.failed + (failure ? 1 : 0), now);
    }

    Recent at(long now) {
      double kept = Math.exp(-(double) (now - atNanos) / MEMORY.toNanos());
      return new Recent(calls * kept, failed * kept, now);
    }
  }

  /** One direction's outcomes of all numbers, and whether failures are widespread in it now. */
  private static final class Direction {
    private Recent all = Recent.NONE;
    final AtomicBoolean widespread = new AtomicBoolean();

    synchronized Recent add(boolean failure, long now) {
      all = (all.calls() == 0 ? new Recent(0, 0, now) : all).plus(failure, now);
      return all;
    }
  }

  private final NumberOutcomes next;
  private final LongSupplier nanoTime;
  private final Map<Key, Recent> numbers = new ConcurrentHashMap<>();
  private final Map<CallDirection, Direction> directions = new EnumMap<>(CallDirection.class);
  private final AtomicLong nextPruneNanos;

  public WidespreadFailureFilter(NumberOutcomes next) {
    this(next, System::nanoTime);
  }

  WidespreadFailureFilter(NumberOutcomes next, LongSupplier nanoTime) {
    this.next = Objects.requireNonNull(next, "next");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    for (CallDirection direction : CallDirection.values()) {
      directions.put(direction, new Direction());
    }
    this.nextPruneNanos = new AtomicLong(nanoTime.getAsLong() + MEMORY.toNanos());
  }

  @Override
  public void record(PhoneNumber number, CallDirection direction, boolean failed) {
    long now = nanoTime.getAsLong();
    Direction all = directions.get(Objects.requireNonNull(direction, "direction"));
    Recent own = numbers.compute(new Key(Objects.requireNonNull(number, "number"), direction),
        (key, recent) -> (recent == null ? new Recent(0, 0, now) : recent).plus(failed, now));
    Recent total = all.add(failed, now);
    pruneIfDue(now);
    if (failed && !standsOut(own, total, all, direction)) {
      return;
    }
    next.record(number, direction, failed);
  }

  /** Whether {@code own} failures are well above those of the other numbers ({@code total}). */
  private static boolean standsOut(Recent own, Recent total, Direction all,
      CallDirection direction) {
    double otherCalls = total.calls() - own.calls();
    if (otherCalls < MIN_OTHER_CALLS) {
      return true;
    }
    double othersShare = Math.max(0, total.failed() - own.failed()) / otherCalls;
    double ownShare = own.failed() / own.calls();
    boolean standsOut = ownShare - othersShare >= STANDS_OUT_BY;
    if (all.widespread.compareAndSet(standsOut, !standsOut)) {
      if (standsOut) {
        log.info("a number's failed {} calls stand out again; number health counts them",
            direction.name().toLowerCase(Locale.ROOT));
      } else {
        log.info("failed {} calls do not stand out from the other numbers' ({}% of theirs failed"
            + " lately): not held against any number while so",
            direction.name().toLowerCase(Locale.ROOT), Math.round(100 * othersShare));
      }
    }
    return standsOut;
  }

  /** Forgets numbers unused for several time constants, at most once per constant. */
  private void pruneIfDue(long now) {
    long due = nextPruneNanos.get();
    if (now - due < 0 || !nextPruneNanos.compareAndSet(due, now + MEMORY.toNanos())) {
      return;
    }
    numbers.replaceAll((key, recent) -> recent.at(now));
    numbers.values().removeIf(recent -> recent.calls() < FORGOTTEN);
  }

  /** How many (number, direction) pairs were used lately: what this filter holds. */
  int tracked() {
    return numbers.size();
  }
}
