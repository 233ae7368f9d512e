package io.callmask.sip.transaction;

import java.time.Duration;

/**
 * Schedules the transaction timers. Injected, so that tests fire timers by hand instead of
 * sleeping. Implementations are thread-safe.
 */
public interface TimerService {

  /** A scheduled task that can be cancelled; cancelling a fired or cancelled task does nothing. */
  interface Timeout {
    void cancel();
  }

  Timeout schedule(Duration delay, Runnable task);

  /** This service's clock in nanoseconds, from an arbitrary origin: what delays count from. */
  long nanoTime();
}
