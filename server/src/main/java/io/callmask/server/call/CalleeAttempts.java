package io.callmask.server.call;

import io.callmask.server.dialog.Dialog;
import io.callmask.server.dialog.DialogId;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Presentation;
import io.callmask.sip.transaction.OutgoingRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts at reaching one party that callmask calls (the callee of a forwarded call, either
 * party of a click-to-call), with the failover rule of CONTRACT §6: the primary presentation
 * first (or the backup straight away when the primary's trunk is down), then, after a carrier
 * failure of the primary ({@link AttemptResult}) or its silence for {@code failover.timeout},
 * once the backup. Silence is not judged while callmask is behind on its own input ({@link
 * ResponseDelays}). Keeps the party's early or confirmed dialog on its {@link CallLeg}, and
 * reports the progress to the call ({@link Progress}).
 *
 * <p>Confined to its call's serial context, like the call's own state.
 */
final class CalleeAttempts {

  /** Whom to call and the numbers to present: {@code primary} first, then {@code backup}. */
  record Target(PhoneNumber party, Presentation primary, Presentation backup) {
    Target {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(primary, "primary");
      Objects.requireNonNull(backup, "backup");
    }
  }

  /** What the call does as the attempts progress; called in the call's serial context. */
  interface Progress {

    /** Whether the call still wants {@code leg} answered (false once it is ending). */
    boolean wanted(CallLeg leg);

    /** Adds to a new attempt's INVITE what crosses from the other leg (headers, body). */
    void fill(CallLeg leg, Request invite);

    /** A provisional other than 100 arrived (an early dialog it created is on the leg). */
    void ringing(CallLeg leg, Response provisional);

    /** The primary failed and the backup is tried now. */
    default void failingOver(CallLeg leg) {}

    /** The party answered {@code from}: the leg's dialog is confirmed; the 2xx is not yet ACKed. */
    void answered(CallLeg leg, OutboundAttempt from, Response success);

    /** No attempt will be answered; {@code last} ended with {@code result}. */
    void failed(CallLeg leg, OutboundAttempt last, AttemptResult result);
  }

  private static final Logger log = LoggerFactory.getLogger(CalleeAttempts.class);

  final BridgedCall call;
  final CallLeg leg;
  private final Target target;
  private final int maxForwards;
  private final Progress progress;
  private final StrayDialogs strays;
  private OutboundAttempt current;
  private int count;

  /**
   * @param leg the leg the attempts set up (its dialog, transport and guard)
   * @param maxForwards Max-Forwards of the INVITEs
   */
  CalleeAttempts(BridgedCall call, CallLeg leg, Target target, int maxForwards,
      Progress progress) {
    this.call = call;
    this.leg = leg;
    this.target = target;
    this.maxForwards = maxForwards;
    this.progress = progress;
    this.strays = new StrayDialogs(this);
  }

  /** How many attempts were started. */
  int count() {
    return count;
  }

  /** No attempt is under way (none started, or the last one decided). */
  boolean isIdle() {
    return current == null || current.finished;
  }

  /** The attempt started last, if any. */
  Optional<OutboundAttempt> current() {
    return Optional.ofNullable(current);
  }

  /** Starts the first attempt: the primary, or the backup when the primary's trunk is down. */
  void begin() {
    TrunkStatus trunks = call.context.services.trunkStatus();
    boolean skipPrimary = trunks.isDown(target.primary().trunk())
        && !trunks.isDown(target.backup().trunk());
    if (skipPrimary) {
      log.info("call {}: trunk {} is down, presenting the backup", call.id,
          target.primary().trunk());
    }
    start(skipPrimary ? target.backup() : target.primary(), !skipPrimary);
  }

  private void start(Presentation presentation, boolean mayFailOver) {
    OutboundAttempt next = new OutboundAttempt(this, presentation, mayFailOver,
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
    next.gateway = gateway.get();
    leg.transport = next.gateway.peer().transport();
    next.request = LegMessages.invite(target.party(), presentation.number(), next.gateway,
        context.advertised(leg.transport), maxForwards);
    progress.fill(leg, next.request);
    CallLeg other = call.other(leg);
    other.guard = other.guard.withIdentifiers(BridgedCall.guardable(
        DialogId.callId(next.request), DialogId.fromTag(next.request)));
    Optional<OutgoingRequest> prepared =
        call.signals.prepare(leg, next.request, next.gateway.peer());
    if (prepared.isEmpty()) {
      next.finish();
      call.record.attemptEnded(next.index, OptionalInt.empty());
      call.blocked(leg);
      return;
    }
    leg.inviteSeq = BridgedCall.seq(next.request);
    next.sentNanos = context.services.delays().now();
    next.transaction = context.services.layer().send(prepared.get(), next);
    if (mayFailOver) {
      armFailoverTimer(next);
    }
  }

  private void armFailoverTimer(OutboundAttempt attempt) {
    attempt.failoverTimer = call.context.services.timers().schedule(
        call.context.services.settings().failoverTimeout(),
        () -> call.events.run(() -> failoverTimeout(attempt)));
  }

  /**
   * Cancels the attempt under way, if any (the CANCEL waits for a provisional, §9.1). If no final
   * response follows within {@link CallSettings#cancelLimit}, the attempt counts as cancelled.
   */
  void cancel() {
    if (current == null || current.finished || current.transaction == null
        || current.cancelTimer != null) {
      return;
    }
    OutboundAttempt cancelled = current;
    call.context.services.layer().sendCancel(cancelled.transaction, BridgedCall.IGNORED);
    cancelled.cancelTimer = call.context.services.timers().schedule(
        call.context.services.settings().cancelLimit(),
        () -> call.events.run(() -> cancelUnanswered(cancelled)));
  }

  /**
   * §9.1: no final response 64·T1 after the CANCEL, so the INVITE counts as cancelled. Seen from
   * SIPp, which answers an unexpected CANCEL with 200 and forgets the call without a 487: the call
   * stayed live until timer C (over three minutes) and its record {@code ringing}. Not counted
   * against the number's health: the attempt was given up by callmask, not failed by the carrier.
   */
  private void cancelUnanswered(OutboundAttempt from) {
    if (from != current || from.finished) {
      return;
    }
    log.info("call {}: the cancelled INVITE through trunk {} got no final response; given up",
        call.id, from.presentation.trunk());
    from.finish();
    call.record.attemptEnded(from.index, OptionalInt.empty());
    forgetDialog();
    if (progress.wanted(leg)) {
      progress.failed(leg, from, AttemptResult.of(AttemptResult.Kind.TIMEOUT));
    } else {
      call.finishIfIdle();
    }
  }

  /** Stops the timers of the attempt under way: the call is over. */
  void stopTimers() {
    if (current != null) {
      current.stopTimers();
    }
  }

  void response(OutboundAttempt from, Response response) {
    if (!from.heardBack) {
      from.heardBack = true;
      call.context.services.delays().heard(from.sentNanos);
    }
    // the carrier answered a given-up INVITE after all: it was not silent, callmask heard it late
    from.silenceUnjudged = false;
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
    if (progress.wanted(leg)) {
      progress.ringing(leg, response);
    }
  }

  private void answered(OutboundAttempt from, Response response) {
    from.finish();
    call.record.attemptEnded(from.index, OptionalInt.of(response.getStatusCode()));
    call.context.services.outcomes().record(from.presentation.number(), CallDirection.OUTGOING,
        false);
    adoptDialog(from, response);
    if (!progress.wanted(leg)) {
      // the call is over (a CANCEL crossed the 2xx, or shutdown): take the answer, end it
      call.signals.ackRefusing(leg, leg.inviteSeq, from.request, response);
      call.signals.bye(leg);
      call.concludeAsDecided();
      return;
    }
    progress.answered(leg, from, response);
  }

  void failed(OutboundAttempt from, AttemptResult result) {
    if (from.silenceUnjudged) {
      // nothing at all came for the given-up INVITE, to its end: the carrier was silent indeed
      from.silenceUnjudged = false;
      call.context.services.outcomes().record(from.presentation.number(), CallDirection.OUTGOING,
          true);
    }
    if (from != current || from.finished) {
      return;
    }
    from.finish();
    call.record.attemptEnded(from.index, result.sipStatus());
    call.context.services.outcomes().record(from.presentation.number(), CallDirection.OUTGOING,
        result.isCarrierFailure());
    forgetDialog();
    if (!progress.wanted(leg)) {
      call.finishIfIdle();
      return;
    }
    if (from.mayFailOver && result.isCarrierFailure()) {
      failOver(from, result);
      return;
    }
    progress.failed(leg, from, result);
  }

  /**
   * {@code failover.timeout} passed: a primary without any provisional is given up. Its number is
   * judged later, when its INVITE ends: a response at any time, even to the CANCEL, shows the
   * carrier heard it and callmask was too slow to hear back (its own overload), which is no fault
   * of the number; only an INVITE no response ever comes for counts against it.
   */
  private void failoverTimeout(OutboundAttempt from) {
    if (from != current || from.finished || from.provisional || !progress.wanted(leg)) {
      return;
    }
    if (call.context.services.delays().behind()) {
      // the carrier's answer may be queued behind callmask's own backlog: wait again, up to the
      // INVITE's Timer B, whose timeout fails over as a silence would
      log.debug("call {}: callmask is behind on its input; the primary's silence is not judged",
          call.id);
      armFailoverTimer(from);
      return;
    }
    from.finish();
    from.silenceUnjudged = true;
    call.context.services.layer().sendCancel(from.transaction, BridgedCall.IGNORED);
    call.record.attemptEnded(from.index, OptionalInt.empty());
    failOver(from, AttemptResult.of(AttemptResult.Kind.SILENT));
  }

  private void failOver(OutboundAttempt failed, AttemptResult result) {
    call.context.counters.countFailover();
    log.info("call {}: trunk {} failed ({} {}); trying the backup", call.id,
        failed.presentation.trunk(), result.kind(), result.status());
    progress.failingOver(leg);
    start(target.backup(), false);
  }

  /** The leg's early or confirmed dialog comes from {@code response} of {@code from}. */
  private void adoptDialog(OutboundAttempt from, Response response) {
    DialogId id = DialogId.ofResponse(response);
    boolean success = response.getStatusCode() / 100 == 2;
    if (leg.dialog != null && leg.dialog.id().equals(id)) {
      if (success) {
        leg.dialog.confirm(response);
      }
      return;
    }
    forgetDialog();
    leg.dialog = Dialog.asUac(from.request, response, from.gateway.peer());
    call.context.dialogs.put(leg.dialog.id(), leg);
    CallLeg other = call.other(leg);
    other.guard = other.guard.withIdentifiers(BridgedCall.guardable(id.remoteTag()));
  }

  /** The early dialog of a failed attempt is of no further use. */
  private void forgetDialog() {
    if (leg.dialog != null) {
      call.context.dialogs.remove(leg.dialog.id(), leg);
      leg.dialog = null;
    }
  }

  /** A 2xx of an attempt already decided: a retransmission, or a fork or attempt not wanted. */
  private void lateSuccess(OutboundAttempt from, Response response) {
    if (from == current && leg.dialog != null
        && leg.dialog.id().equals(DialogId.ofResponse(response))) {
      call.signals.resendAck(leg, response);
    } else {
      strays.hangUp(from, response);
    }
  }
}
