package io.callmask.server.call;

import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call's events one at a time, in the order they were submitted, on whichever thread
 * submitted an event while none was running; that thread then runs the events queued meanwhile.
 * Nobody ever waits: a thread that finds an event running only queues its own. So an event may
 * call into the transaction layer, which may call back into the call (e.g. a send that fails at
 * once) without re-entering a half-done event: the callback is queued behind it. The queue's
 * monitor hands each event's memory effects to the next, so call state needs no other lock.
 * Thread-safe.
 */
final class SerialQueue {

  private static final Logger log = LoggerFactory.getLogger(SerialQueue.class);

  private final ArrayDeque<Runnable> events = new ArrayDeque<>(4);
  /** Guarded by {@code this}: some thread is running events. */
  private boolean running;

  void run(Runnable event) {
    synchronized (this) {
      events.add(event);
      if (running) {
        return;
      }
      running = true;
    }
    while (true) {
      Runnable next;
      synchronized (this) {
        next = events.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        // a bug in one event must not stop the queue or unwind into a stack thread
        log.warn("call event failed", e);
      }
    }
  }
}
