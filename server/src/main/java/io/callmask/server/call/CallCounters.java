package io.callmask.server.call;

import java.util.concurrent.atomic.LongAdder;

/** Counts of forwarded calls, for {@code /metrics}. Thread-safe; counting never blocks. */
public final class CallCounters {

  private final LongAdder started = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder failovers = new LongAdder();

  void countStarted() {
    started.increment();
  }

  void countAnswered() {
    answered.increment();
  }

  void countFailed() {
    failed.increment();
  }

  void countFailover() {
    failovers.increment();
  }

  /** Calls routed to a session, whose B-leg was started. */
  public long started() {
    return started.sum();
  }

  /** Calls the callee answered. */
  public long answered() {
    return answered.sum();
  }

  /** Calls that ended with status {@code failed}. */
  public long failed() {
    return failed.sum();
  }

  /** Retries through the backup trunk after the primary failed. */
  public long failovers() {
    return failovers.sum();
  }
}
