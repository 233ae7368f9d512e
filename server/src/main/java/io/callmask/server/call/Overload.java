package io.callmask.server.call;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Whether callmask is too far behind its SIP input to take new calls.
 *
 * <p>When callmask's SIP input waits longer than {@code limit} (in an event loop's queue or a
 * socket's buffer, see {@code NettySipTransport.inputLag}), every new call costs
 * more than the calls in progress can spare: their responses and ACKs wait behind it, the peers
 * and callmask's own timers retransmit what was not answered in time (T1 is 500 ms, RFC 3261
 * §17.1.1.2), and the retransmissions add to the backlog until nothing completes. So new INVITEs
 * (and click-to-calls) are refused at once with 503 and Retry-After (§21.5.4) while the lag
 * lasts, which costs a parse and an answer; messages of calls in progress are never refused.
 * This is the local overload control RFC 6357 §5 describes, driven by a queueing delay rather
 * than by the CPU, which other work on the same machine would blur.
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
  private final Duration limit;
  private final LongAdder refused = new LongAdder();

  /**
   * @param lag how long SIP input waits now before callmask handles it
   * @param limit the lag from which new calls are refused; zero: never refuse
   */
  public Overload(Supplier<Duration> lag, Duration limit) {
    this.lag = Objects.requireNonNull(lag, "lag");
    this.limit = Objects.requireNonNull(limit, "limit");
    if (limit.isNegative()) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
  }

  /** Whether a new call must be refused now; counts it when so. */
  boolean refusesNewCall() {
    if (limit.isZero() || lag.get().compareTo(limit) < 0) {
      return false;
    }
    refused.increment();
    return true;
  }

  /** New calls refused for overload so far. */
  public long refused() {
    return refused.sum();
  }
}
