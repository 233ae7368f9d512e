package io.callmask.server.call;

import io.callmask.server.masking.Presentation;
import io.callmask.sip.transaction.ClientTransaction;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.TimerService;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One try at reaching a party callmask calls (primary, then at most one backup): the presented
 * number, the trunk's gateway, the INVITE's client transaction and its failover timer. What its
 * transaction reports is queued on the call's serial context, so the fields are confined to it.
 */
final class OutboundAttempt implements ResponseListener {

  final CalleeAttempts attempts;
  final Presentation presentation;
  /** Whether a carrier failure of this attempt is retried through the backup. */
  final boolean mayFailOver;
  /** Its index in the call record's attempts. */
  final int index;
  TrunkGateway gateway;
  Request request;
  ClientTransaction transaction;
  TimerService.Timeout failoverTimer;
  /** Armed once the attempt is cancelled: how long its final response may take (§9.1). */
  TimerService.Timeout cancelTimer;
  boolean provisional;
  /** When its INVITE was sent, on the {@link ResponseDelays} clock. */
  long sentNanos;
  /** Whether any response to its INVITE has been handled. */
  boolean heardBack;
  /** Decided: answered, failed, or given up; later responses are strays. */
  boolean finished;
  /**
   * Given up for silence, and not yet held against its number: whether the carrier was silent,
   * or callmask too slow to hear it, shows in what comes after (see CalleeAttempts#failed).
   */
  boolean silenceUnjudged;

  OutboundAttempt(CalleeAttempts attempts, Presentation presentation, boolean mayFailOver,
      int index) {
    this.attempts = attempts;
    this.presentation = presentation;
    this.mayFailOver = mayFailOver;
    this.index = index;
  }

  void finish() {
    finished = true;
    stopTimers();
  }

  void stopTimers() {
    stopFailoverTimer();
    if (cancelTimer != null) {
      cancelTimer.cancel();
      cancelTimer = null;
    }
  }

  void stopFailoverTimer() {
    if (failoverTimer != null) {
      failoverTimer.cancel();
      failoverTimer = null;
    }
  }

  @Override
  public void onResponse(Response response) {
    attempts.call.events.run(() -> attempts.response(this, response));
  }

  @Override
  public void onTimeout() {
    attempts.call.events.run(
        () -> attempts.failed(this, AttemptResult.of(AttemptResult.Kind.TIMEOUT)));
  }

  @Override
  public void onTransportError(Throwable cause) {
    attempts.call.events.run(() ->
        attempts.failed(this, AttemptResult.of(AttemptResult.Kind.TRANSPORT_ERROR)));
  }
}
