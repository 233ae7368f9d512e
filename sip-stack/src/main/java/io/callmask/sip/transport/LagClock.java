package io.callmask.sip.transport;

/**
 * The arithmetic of one {@link LoopLag} probe: when it was due, how late it ran last, and so how
 * late its loop is at a given moment.
 *
 * <p>Thread-safe: written by one thread (the probed loop), read by any.
 */
final class LagClock {

  private volatile long dueNanos;
  private volatile long lastLagNanos;
  private volatile boolean waiting;

  /** The next probe is due at {@code nanos}. */
  void due(long nanos) {
    dueNanos = nanos;
    waiting = true;
  }

  /** The probe ran at {@code nanos}: its lateness is the loop's lag until the next one runs. */
  void ran(long nanos) {
    waiting = false;
    lastLagNanos = Math.max(0, nanos - dueNanos);
  }

  /** No more probes (the loop is shutting down): it counts as keeping up. */
  void stopped() {
    waiting = false;
    lastLagNanos = 0;
  }

  /**
   * The lag at {@code nowNanos}: the last probe's lateness, or, when the next probe is overdue,
   * how overdue it is, whichever is more.
   */
  long lagNanos(long nowNanos) {
    long overdue = waiting ? nowNanos - dueNanos : 0;
    return Math.max(lastLagNanos, overdue);
  }
}
