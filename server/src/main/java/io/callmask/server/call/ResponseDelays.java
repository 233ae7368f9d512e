package io.callmask.server.call;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How long callmask takes to hear back from the carriers: from sending an INVITE to handling its
 * first response. A carrier's first response comes within milliseconds (a UAS sends 100 Trying
 * within 200 ms, RFC 3261 §17.2.1), so when this delay grows to a good part of {@code
 * failover.timeout}, the delay is callmask's own: its input is queued behind work it has not
 * caught up with. Silence cannot be judged then, since the carrier's answer may be waiting in
 * that queue, and giving up on the primary would double the work of a server already behind.
 *
 * <p>The delays are averaged (each new one weighs {@link #WEIGHT}) and the average only counts
 * while delays keep coming: with no INVITE answered for {@code threshold} (every carrier silent),
 * nothing shows that callmask is behind, and silence is judged as usual. Thread-safe.
 */
public final class ResponseDelays {

  /** The weight of each new delay in the average: about the last ten calls count. */
  static final double WEIGHT = 0.1;

  private final long thresholdNanos;
  private final LongSupplier nanoTime;
  private double averageNanos;
  private long lastHeardNanos;
  private boolean heardAny;

  /**
   * @param threshold the average delay from which callmask counts as behind on its input
   * @param nanoTime the monotonic clock ({@code System::nanoTime}; a test's own)
   */
  public ResponseDelays(Duration threshold, LongSupplier nanoTime) {
    if (threshold.isNegative() || threshold.isZero()) {
      throw new IllegalArgumentException("threshold must be positive: " + threshold);
    }
    this.thresholdNanos = threshold.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** Half the failover timeout: a delay that large leaves too little of it to judge silence. */
  public static ResponseDelays forFailoverTimeout(Duration failoverTimeout) {
    return new ResponseDelays(failoverTimeout.dividedBy(2), System::nanoTime);
  }

  /** Now, on this clock: when an INVITE is sent. */
  long now() {
    return nanoTime.getAsLong();
  }

  /** The first response to an INVITE sent at {@code sentNanos} is handled now. */
  synchronized void heard(long sentNanos) {
    long now = nanoTime.getAsLong();
    long delay = Math.max(0, now - sentNanos);
    averageNanos = heardAny ? averageNanos + WEIGHT * (delay - averageNanos) : delay;
    heardAny = true;
    lastHeardNanos = now;
  }

  /** Whether callmask is behind on its input, as the recent delays show. */
  public synchronized boolean behind() {
    return heardAny && averageNanos >= thresholdNanos
        && nanoTime.getAsLong() - lastHeardNanos < thresholdNanos;
  }
}
