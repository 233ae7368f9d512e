package io.callmask.sip.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a transport has seen since it started, for metrics and tests. Read-only to everyone but the
 * transport itself. Thread-safe: the counters are {@link LongAdder}s, cheap to bump from every
 * event loop at once; a reading is a moment's estimate, not a consistent snapshot across counters.
 */
public final class TransportCounters {

  private final LongAdder received = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();

  TransportCounters() {}

  /** Valid messages handed to the {@link InboundListener}. */
  public long received() {
    return received.sum();
  }

  /**
   * Inputs the codec found malformed; each is also counted as rejected, as dropped (nothing to
   * answer) or, if its 400 could not be written, as a send failure.
   */
  public long malformed() {
    return malformed.sum();
  }

  /** Malformed requests answered with the codec's 400. */
  public long rejected() {
    return rejected.sum();
  }

  /**
   * Inputs discarded without an answer: malformed input too broken to answer, responses whose Via
   * does not name this node (RFC 3261 §18.1.2), requests without a Via.
   */
  public long dropped() {
    return dropped.sum();
  }

  /** Sends whose stage completed exceptionally (unresolved, refused, reset, encoding failed). */
  public long sendFailures() {
    return sendFailures.sum();
  }

  void countReceived() {
    received.increment();
  }

  void countMalformed() {
    malformed.increment();
  }

  void countRejected() {
    rejected.increment();
  }

  void countDropped() {
    dropped.increment();
  }

  void countSendFailure() {
    sendFailures.increment();
  }

  @Override
  public String toString() {
    return "received=" + received() + " malformed=" + malformed() + " rejected=" + rejected()
        + " dropped=" + dropped() + " sendFailures=" + sendFailures();
  }
}
