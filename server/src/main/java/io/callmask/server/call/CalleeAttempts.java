package io.callmask.server.call;

import io.callmask.server.dialog.Dialog;
import io.callmask.server.dialog.DialogId;
import io.callmask.server.masking.Presentation;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The B-leg side of a masked call (CONTRACT §6): the attempts at the callee, the primary and at
 * most one backup, with the failover rule of {@link AttemptResult}; provisional and final
 * responses relayed to the caller; the callee's early or confirmed dialog.
 *
 * <p>Confined to its call's serial context, like the call's own state, which it reads and moves.
 */
final class CalleeAttempts {

  private static final Logger log = LoggerFactory.getLogger(CalleeAttempts.class);

  private final MaskedCall call;
  private final StrayDialogs strays;
  private OutboundAttempt current;
  private int count;

  CalleeAttempts(MaskedCall call) {
    this.call = call;
    this.strays = new StrayDialogs(call);
  }

  /** How many attempts were started. */
  int count() {
    return count;
  }

  /** No attempt is under way (none started, or the last one decided). */
  boolean isIdle() {
    return current == null || current.finished;
  }

  /** Starts the first attempt: the primary, or the backup when the primary's trunk is down. */
  void begin() {
    TrunkStatus trunks = call.context.services.trunkStatus();
    boolean skipPrimary = trunks.isDown(call.route.primary().trunk())
        && !trunks.isDown(call.route.backup().trunk());
    if (skipPrimary) {
      log.info("call {}: trunk {} is down, presenting the backup", call.id,
          call.route.primary().trunk());
    }
    start(skipPrimary ? call.route.backup() : call.route.primary(), !skipPrimary);
  }

  private void start(Presentation presentation, boolean mayFailOver) {
    OutboundAttempt next = new OutboundAttempt(call, presentation, mayFailOver,
        call.record.attemptStarted(presentation));
    current = next;
    count++;
    CallContext context = call.context;
    Optional<TrunkGateway> gateway = context.services.trunks().gateway(presentation.trunk());
    if (gateway.isEmpty()) {
      log.warn("call {}: trunk {} has no usable gateway", call.id, presentation.trunk());
      failed(next, AttemptResult.of(AttemptResult.Kind.NO_GATEWAY));
      return;
    }
    CallLeg callee = call.callee;
    next.gateway = gateway.get();
    callee.transport = next.gateway.peer().transport();
    next.request = LegMessages.calleeInvite(call.invite.request(), call.route.target(),
        presentation.number(), next.gateway, context.advertised(callee.transport),
        call.intake.maxForwards() - 1, context.services.rewriter());
    call.caller.guard = call.caller.guard.withIdentifiers(MaskedCall.guardable(
        DialogId.callId(next.request), DialogId.fromTag(next.request)));
    if (!call.signals.guarded(callee, next.request)) {
      next.finish();
      call.record.attemptEnded(next.index, OptionalInt.empty());
      call.blocked(callee);
      return;
    }
    callee.inviteSeq = MaskedCall.seq(next.request);
    next.transaction = context.services.layer().sendRequest(
        next.request, next.gateway.peer(), next);
    if (mayFailOver) {
      next.failoverTimer = context.services.timers().schedule(
          context.services.settings().failoverTimeout(),
          () -> call.events.run(() -> failoverTimeout(next)));
    }
  }

  /** Cancels the attempt under way, if any (the CANCEL waits for a provisional, §9.1). */
  void cancel() {
    if (current != null && !current.finished && current.transaction != null) {
      call.context.services.layer().sendCancel(current.transaction, MaskedCall.IGNORED);
    }
  }

  /** Stops the failover timer of the attempt under way: the call is over. */
  void stopTimers() {
    if (current != null) {
      current.stopFailoverTimer();
    }
  }

  void response(OutboundAttempt from, Response response) {
    int status = response.getStatusCode();
    if (from != current || from.finished) {
      if (status / 100 == 2) {
        lateSuccess(from, response);
      }
      return;
    }
    if (status < 200) {
      provisional(from, response);
    } else if (status < 300) {
      answered(from, response);
    } else {
      failed(from, AttemptResult.response(status));
    }
  }

  private void provisional(OutboundAttempt from, Response response) {
    if (!from.provisional) {
      from.provisional = true;
      from.stopFailoverTimer();
    }
    if (response.getStatusCode() == Response.TRYING) {
      return;
    }
    if (!DialogId.toTag(response).isEmpty()) {
      adoptDialog(from, response);
    }
    if (call.callerDone || call.state() == MaskedCall.State.ENDING) {
      return;
    }
    Response relayed = LegMessages.response(call.invite.request(), response.getStatusCode(),
        call.caller.dialog.localTag(), response, call.context.contact(call.caller.transport),
        call.context.services.rewriter());
    if (!call.signals.guarded(call.caller, relayed)) {
      call.blocked(call.caller);
      return;
    }
    call.invite.respond(relayed);
    call.moveTo(MaskedCall.State.EARLY);
  }

  private void answered(OutboundAttempt from, Response response) {
    from.finish();
    call.record.attemptEnded(from.index, OptionalInt.of(response.getStatusCode()));
    call.context.services.outcomes().record(from.presentation.number(), CallDirection.OUTGOING,
        false);
    adoptDialog(from, response);
    CallLeg callee = call.callee;
    if (call.callerDone || call.state() == MaskedCall.State.ENDING
        || call.invite.isCompleted()) {
      // the caller is gone (CANCEL crossed the 2xx, or shutdown): take the answer, end it
      call.signals.ack(callee, callee.inviteSeq, null);
      call.signals.bye(callee);
      call.concludeAsDecided();
      return;
    }
    call.answered(from, response);
  }

  void failed(OutboundAttempt from, AttemptResult result) {
    if (from != current || from.finished) {
      return;
    }
    from.finish();
    call.record.attemptEnded(from.index, result.sipStatus());
    call.context.services.outcomes().record(from.presentation.number(), CallDirection.OUTGOING,
        result.isCarrierFailure());
    forgetDialog();
    if (call.callerDone || call.state() == MaskedCall.State.ENDING) {
      call.finishIfIdle();
      return;
    }
    if (from.mayFailOver && result.isCarrierFailure()) {
      failOver(from, result);
      return;
    }
    call.signals.answerCaller(result.statusTowardCaller());
    call.conclude(result.callStatus(from.provisional), result.failureSide(from.provisional));
  }

  /** {@code failover.timeout} passed: a primary without any provisional is given up. */
  private void failoverTimeout(OutboundAttempt from) {
    if (from != current || from.finished || from.provisional || call.callerDone
        || call.state() != MaskedCall.State.CALLING) {
      return;
    }
    from.finish();
    call.context.services.layer().sendCancel(from.transaction, MaskedCall.IGNORED);
    call.record.attemptEnded(from.index, OptionalInt.empty());
    call.context.services.outcomes().record(from.presentation.number(), CallDirection.OUTGOING,
        true);
    failOver(from, AttemptResult.of(AttemptResult.Kind.SILENT));
  }

  private void failOver(OutboundAttempt failed, AttemptResult result) {
    call.context.counters.countFailover();
    log.info("call {}: trunk {} failed ({} {}); trying the backup", call.id,
        failed.presentation.trunk(), result.kind(), result.status());
    call.moveTo(MaskedCall.State.CALLING);
    start(call.route.backup(), false);
  }

  /** The callee's early or confirmed dialog comes from {@code response} of {@code from}. */
  private void adoptDialog(OutboundAttempt from, Response response) {
    CallLeg callee = call.callee;
    DialogId id = DialogId.ofResponse(response);
    boolean success = response.getStatusCode() / 100 == 2;
    if (callee.dialog != null && callee.dialog.id().equals(id)) {
      if (success) {
        callee.dialog.confirm(response);
      }
      return;
    }
    forgetDialog();
    callee.dialog = Dialog.asUac(from.request, response, from.gateway.peer());
    call.context.dialogs.put(callee.dialog.id(), callee);
    call.caller.guard = call.caller.guard.withIdentifiers(MaskedCall.guardable(id.remoteTag()));
  }

  /** The early dialog of a failed attempt is of no further use. */
  private void forgetDialog() {
    CallLeg callee = call.callee;
    if (callee.dialog != null) {
      call.context.dialogs.remove(callee.dialog.id(), callee);
      callee.dialog = null;
    }
  }

  /** A 2xx of an attempt already decided: a retransmission, or a fork or attempt not wanted. */
  private void lateSuccess(OutboundAttempt from, Response response) {
    CallLeg callee = call.callee;
    if (from == current && callee.dialog != null
        && callee.dialog.id().equals(DialogId.ofResponse(response))) {
      call.signals.resendAck(callee, response);
    } else {
      strays.hangUp(from, response);
    }
  }
}
