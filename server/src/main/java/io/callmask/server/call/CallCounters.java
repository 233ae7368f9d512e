package io.callmask.server.call;

import io.callmask.server.calls.CallKind;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of calls by kind, for {@code /metrics}: forwarded calls and click-to-calls. Thread-safe;
 * counting never blocks.
 */
public final class CallCounters {

  private final LongAdder started = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder clickToCallStarted = new LongAdder();
  private final LongAdder clickToCallAnswered = new LongAdder();
  private final LongAdder clickToCallFailed = new LongAdder();
  private final LongAdder failovers = new LongAdder();

  void countStarted(CallKind kind) {
    (kind == CallKind.FORWARDED ? started : clickToCallStarted).increment();
  }

  void countAnswered(CallKind kind) {
    (kind == CallKind.FORWARDED ? answered : clickToCallAnswered).increment();
  }

  void countFailed(CallKind kind) {
    (kind == CallKind.FORWARDED ? failed : clickToCallFailed).increment();
  }

  void countFailover() {
    failovers.increment();
  }

  /** Forwarded calls routed to a session, whose B-leg was started. */
  public long started() {
    return started.sum();
  }

  /** Forwarded calls the callee answered. */
  public long answered() {
    return answered.sum();
  }

  /** Forwarded calls that ended with status {@code failed}. */
  public long failed() {
    return failed.sum();
  }

  /** Click-to-calls started (the first party is being called). */
  public long clickToCallStarted() {
    return clickToCallStarted.sum();
  }

  /** Click-to-calls whose second party answered: both parties were joined. */
  public long clickToCallAnswered() {
    return clickToCallAnswered.sum();
  }

  /** Click-to-calls that ended with status {@code failed}. */
  public long clickToCallFailed() {
    return clickToCallFailed.sum();
  }

  /** Retries through the backup trunk after the primary failed, on any leg of any call. */
  public long failovers() {
    return failovers.sum();
  }
}
