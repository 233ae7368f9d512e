package io.callmask.sip.transport;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a decoded inbound message is handled: on the event loop its Call-ID hashes to.
 *
 * <p>The kernel spreads datagrams over the SO_REUSEPORT sockets by source address, so a carrier
 * with one gateway lands on one socket and one event loop; without this, that loop would do the
 * SIP work of every call while the other cores wait. Keying by Call-ID spreads the work over all
 * loops and keeps each call's messages from any one peer in the order they arrived. A message
 * whose loop is the current thread is handled at once, without a hand-off.
 *
 * <p>Thread-safe: the list of loops is fixed at construction.
 */
final class CallWorkers {

  private static final CallWorkers INLINE = new CallWorkers(List.of());

  private final List<EventExecutor> loops;

  private CallWorkers(List<EventExecutor> loops) {
    this.loops = List.copyOf(loops);
  }

  /** Workers over every event loop of {@code group}. */
  static CallWorkers of(Iterable<EventExecutor> group) {
    List<EventExecutor> loops = new ArrayList<>();
    group.forEach(loops::add);
    return loops.size() < 2 ? INLINE : new CallWorkers(loops);
  }

  /** Runs every message on the thread it arrived on. */
  static CallWorkers inline() {
    return INLINE;
  }

  /**
   * Runs {@code work} on the loop of {@code callId} (no Call-ID: the current thread), inline when
   * already on it.
   *
   * @throws java.util.concurrent.RejectedExecutionException once that loop is shutting down
   */
  void run(String callId, Runnable work) {
    if (loops.isEmpty() || callId == null) {
      work.run();
      return;
    }
    EventExecutor loop = loops.get(Math.floorMod(callId.hashCode(), loops.size()));
    if (loop.inEventLoop()) {
      work.run();
    } else {
      loop.execute(work);
    }
  }
}
