package io.callmask.sip.transport;

import java.util.function.LongSupplier;

/**
 * How far the transport is behind its input: the worse of how late the event loops run their
 * queued work ({@link LoopLag}) and how long a datagram waits before it is read ({@link
 * DatagramProbes}). The first shows work piling up inside the process, the second input piling
 * up in the kernel's socket buffers; an overloaded node shows one or the other, depending on
 * where its time goes.
 *
 * <p>Thread-safe.
 */
final class InputLag {

  private final LongSupplier loopLagNanos;
  private final LongSupplier datagramWaitNanos;

  /**
   * @param loopLagNanos how late the event loops run their work now ({@link LoopLag#worstNanos})
   * @param datagramWaitNanos how long a datagram waits now ({@link DatagramProbes#worstNanos})
   */
  InputLag(LongSupplier loopLagNanos, LongSupplier datagramWaitNanos) {
    this.loopLagNanos = loopLagNanos;
    this.datagramWaitNanos = datagramWaitNanos;
  }

  /** The worst lag now, in nanoseconds; 0 while the transport keeps up with its input. */
  long worstNanos() {
    return Math.max(loopLagNanos.getAsLong(), datagramWaitNanos.getAsLong());
  }
}
