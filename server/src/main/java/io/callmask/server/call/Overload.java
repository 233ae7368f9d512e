package io.callmask.server.call;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Whether callmask is too far behind its SIP input to take new calls.
 *
 * <p>When callmask's SIP input waits (in an event loop's queue or a socket's buffer, see {@code
 * NettySipTransport.inputLag}), every new call costs more than the calls in progress can spare:
 * their responses and ACKs wait behind it, the peers and callmask's own timers retransmit what
 * was not answered in time (T1 is 500 ms, RFC 3261 §17.1.1.2), and the retransmissions add to
 * the backlog until nothing completes. So new INVITEs (and click-to-calls) are refused at once
 * with 503 and Retry-After (§21.5.4), which costs a parse and an answer; messages of calls in
 * progress are never refused. This is the local overload control RFC 6357 §5 describes, driven
 * by a queueing delay rather than by the CPU, which other work on the same machine would blur.
 *
 * <p>Refusals are graded, as random early detection is for packet queues: none below half the
 * {@code limit}, every new call from the limit on, and in between a share that grows with the
 * lag. Refusing all or nothing would swing: all calls taken until the lag reaches the limit, none
 * until it is gone, so that the lag and the 503s come in waves. Graded, the lag settles where the
 * share refused matches the excess load, below the limit, so that a 2xx and its ACK, which
 * cross the backlog twice, still make it within T1.
 *
 * <p>Thread-safe.
 */
public final class Overload {

  /**
   * How long a caller refused for overload is asked to wait. Short: an overload passes within
   * seconds once new calls stop coming in, and a carrier that honours it sends all its calls
   * elsewhere for that long (§21.5.4), which must not turn a burst into an outage.
   */
  static final int RETRY_AFTER_SECONDS = 1;

  private final Supplier<Duration> lag;
  /** The limit in nanoseconds; zero: never refuse. */
  private final long limitNanos;
  /** Uniform draws in [0, 1) that pick the calls refused below the limit. */
  private final DoubleSupplier draw;
  private final LongAdder refused = new LongAdder();

  /**
   * @param lag how long SIP input waits now before callmask handles it
   * @param limit the lag from which every new call is refused (and from half of which some
   *     are); zero: never refuse
   */
  public Overload(Supplier<Duration> lag, Duration limit) {
    this(lag, limit, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** As above, drawing from {@code draw} (values in [0, 1)). */
  Overload(Supplier<Duration> lag, Duration limit, DoubleSupplier draw) {
    this.lag = Objects.requireNonNull(lag, "lag");
    Objects.requireNonNull(limit, "limit");
    if (limit.isNegative()) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    this.limitNanos = limit.toNanos();
    this.draw = Objects.requireNonNull(draw, "draw");
  }

  /** Whether a new call must be refused now; counts it when so. */
  boolean refusesNewCall() {
    double share = limitNanos == 0 ? 0 : refusedShare(lag.get().toNanos());
    if (share == 0 || draw.getAsDouble() >= share) {
      return false;
    }
    refused.increment();
    return true;
  }

  /** The share of new calls refused at {@code lagNanos}: 0 to half the limit, then up to 1. */
  private double refusedShare(long lagNanos) {
    long start = limitNanos / 2;
    if (lagNanos <= start) {
      return 0;
    }
    return Math.min(1.0, (double) (lagNanos - start) / (limitNanos - start));
  }

  /** New calls refused for overload so far. */
  public long refused() {
    return refused.sum();
  }
}
