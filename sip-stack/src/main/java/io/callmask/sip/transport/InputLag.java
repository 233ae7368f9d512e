package io.callmask.sip.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * How far the transport is behind its input: the worst of how late the event loops run their
 * queued work ({@link LoopLag}) and how long datagrams have been waiting in a socket's buffer
 * ({@link ReadBacklog}). The first shows work piling up inside the process, the second input
 * piling up in the kernel; an overloaded node shows one or the other, depending on where its time
 * goes.
 *
 * <p>Thread-safe.
 */
final class InputLag {

  private final LongSupplier nanoTime;
  private final LongSupplier loopLagNanos;
  private final List<ReadBacklog> sockets = new CopyOnWriteArrayList<>();

  /**
   * @param nanoTime the monotonic clock
   * @param loopLagNanos how late the event loops run their work now ({@link LoopLag#worstNanos})
   */
  InputLag(LongSupplier nanoTime, LongSupplier loopLagNanos) {
    this.nanoTime = nanoTime;
    this.loopLagNanos = loopLagNanos;
  }

  /** A new UDP socket's backlog, counted from now on; its pipeline's first handler. */
  ReadBacklog newSocket(int burst) {
    ReadBacklog backlog = new ReadBacklog(burst, nanoTime);
    sockets.add(backlog);
    return backlog;
  }

  /** The worst lag now, in nanoseconds; 0 while the transport keeps up with its input. */
  long worstNanos() {
    long now = nanoTime.getAsLong();
    long worst = loopLagNanos.getAsLong();
    for (ReadBacklog socket : sockets) {
      worst = Math.max(worst, socket.ageNanos(now));
    }
    return worst;
  }
}
