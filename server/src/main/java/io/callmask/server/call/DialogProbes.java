package io.callmask.server.call;

import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.TimerService;
import java.time.Duration;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that both parties of an answered call are still in it, so that a call whose hang-up never
 * reached callmask still ends. Every {@link CallSettings#probeInterval} each confirmed leg gets an
 * OPTIONS inside its dialog (RFC 3261 §11, §12.2.1.1); a 481 or 408, or no response at all, means
 * the dialog is gone (§12.2.1.2: the UAC SHOULD then terminate it), and the call is hung up as
 * {@link BridgedCall#dialogLost}. Any other answer, 405 and 501 included, shows the party's side
 * still knows the dialog.
 *
 * <p>Why: a BYE is retransmitted for 64·T1 at most. Measured at 500 click-to-calls/s, UDP losses
 * made SIPp give up on its BYEs, and 674 calls stayed {@code answered} with their legs held for
 * good; nothing else would ever end them, as callmask carries no media to notice silence on.
 *
 * <p>Confined to its call's serial context, like the call's own state.
 */
final class DialogProbes {

  private static final Logger log = LoggerFactory.getLogger(DialogProbes.class);

  private final BridgedCall call;
  private TimerService.Timeout timer;

  DialogProbes(BridgedCall call) {
    this.call = call;
  }

  /** The call is answered: probe its legs from now on (unless probing is off). */
  void start() {
    if (timer == null && !interval().isZero()) {
      arm();
    }
  }

  /** The call ended: no more probes. */
  void stop() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private Duration interval() {
    return call.context.services.settings().probeInterval();
  }

  private void arm() {
    timer = call.context.services.timers().schedule(interval(),
        () -> call.events.run(this::probeBoth));
  }

  private void probeBoth() {
    timer = null;
    if (call.isEnding()) {
      return;
    }
    probe(call.caller);
    probe(call.callee);
    arm();
  }

  private void probe(CallLeg leg) {
    if (!leg.isConfirmed() || leg.byeSent) {
      return;
    }
    Request options = leg.dialog.createRequest(Request.OPTIONS);
    call.signals.prepare(leg, options, leg.dialog.nextHop()).ifPresent(
        prepared -> call.context.services.layer().send(prepared, new Answer(leg)));
  }

  private void lost(CallLeg leg, String why) {
    if (call.isEnding()) {
      return;
    }
    log.info("call {}: the {}'s dialog is gone ({}); hanging up", call.id, leg.role, why);
    call.dialogLost(leg);
  }

  /** What a probe's answer says about its leg. */
  private final class Answer implements ResponseListener {

    private final CallLeg leg;

    Answer(CallLeg leg) {
      this.leg = leg;
    }

    @Override
    public void onResponse(Response response) {
      int status = response.getStatusCode();
      if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST
          || status == Response.REQUEST_TIMEOUT) {
        call.events.run(() -> lost(leg, "OPTIONS answered " + status));
      }
    }

    @Override
    public void onTimeout() {
      call.events.run(() -> lost(leg, "OPTIONS unanswered"));
    }

    @Override
    public void onTransportError(Throwable cause) {
      call.events.run(() -> lost(leg, "OPTIONS could not be sent"));
    }
  }
}
