package io.callmask.server.call;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls in progress, so that shutdown can wait for them and end the rest. Adding and removing
 * never block; only {@link #awaitNone} waits (on the thread that closes the server). Thread-safe.
 */
final class LiveCalls {

  private final Set<BridgedCall> calls = ConcurrentHashMap.newKeySet();
  private final Object emptied = new Object();

  void add(BridgedCall call) {
    calls.add(call);
  }

  void remove(BridgedCall call) {
    if (calls.remove(call) && calls.isEmpty()) {
      synchronized (emptied) {
        emptied.notifyAll();
      }
    }
  }

  int size() {
    return calls.size();
  }

  List<BridgedCall> snapshot() {
    return List.copyOf(calls);
  }

  /** Waits until no call is left or {@code timeout} passed; true when none is left. */
  boolean awaitNone(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (emptied) {
      while (!calls.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        emptied.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }
}
