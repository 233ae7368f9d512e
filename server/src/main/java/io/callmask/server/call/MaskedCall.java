package io.callmask.server.call;

import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.dialog.Dialog;
import io.callmask.server.dialog.DialogId;
import io.callmask.server.masking.RouteOutcome;
import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.ServerTransaction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One forwarded masked call (CONTRACT §6): callmask is the UAS of the caller's dialog (the A-leg)
 * and the UAC of the callee's (the B-leg, {@link CalleeAttempts}); once answered, the legs are
 * bridged by {@link BridgedCall}. A message the guard holds back ends the call.
 *
 * <pre>
 * state      event                                    action                            next
 * ROUTING    routed                                   INVITE primary (backup if its     CALLING
 *                                                     trunk is down), failover timer
 * ROUTING    no session / closed / lookup failed      404 / 480 / 500 to A              ENDED
 * CALLING    1xx                                      stop failover timer, relay 18x    EARLY
 * CALLING    failover timer (primary, no 1xx)         CANCEL primary, INVITE backup     CALLING
 * CALLING,   408, 5xx, timeout, transport error       INVITE backup (once)              CALLING
 *  EARLY      of the primary
 * CALLING,   other final, or the backup's failure      relay the final to A              ENDING
 *  EARLY
 * CALLING,   2xx                                      relay 200 to A                    ANSWERED
 *  EARLY
 * any live   CANCEL from A (before A's final)          487 to A, CANCEL the attempt      ENDING
 * ANSWERED   ACK from A                               ACK B's 2xx (if not yet)          CONFIRMED
 * ANSWERED,  BYE from either leg                      200, BYE the other leg            ENDING
 *  CONFIRMED
 * ANSWERED   A's ACK never came (timer L)              BYE both legs                     ENDING
 * ENDING     the attempt and every BYE are done        write the record                  ENDED
 * </pre>
 *
 * <p>ENDING and ENDED are the {@link BridgedCall} lifecycle; the states before are this class's.
 * Thread-safety as for {@link BridgedCall}. Nothing here blocks: the route lookup runs on the
 * lookup executor and comes back as an event.
 */
final class MaskedCall extends BridgedCall implements CalleeAttempts.Progress {

  /** Where the live call is; see the class comment. */
  enum State {
    ROUTING,
    CALLING,
    EARLY,
    ANSWERED,
    CONFIRMED
  }

  private static final Logger log = LoggerFactory.getLogger(MaskedCall.class);

  final ServerTransaction invite;
  final InviteIntake.Accepted intake;
  RouteOutcome.Routed route;
  /** The attempts at the callee, once routed. */
  CalleeAttempts attempts;
  /** The caller has its final response (487, an error): nothing more is relayed to it. */
  boolean callerDone;
  private volatile State state = State.ROUTING;

  MaskedCall(CallContext context, ServerTransaction invite, InviteIntake.Accepted intake) {
    super(context);
    this.invite = invite;
    this.intake = intake;
    caller.transport = invite.peer().transport();
    caller.dialog = Dialog.asUas(invite.request(), SipResponses.newTag(), invite.peer());
  }

  State state() {
    return state;
  }

  // ---- events from the controller ----

  /**
   * Registers the call and routes it: at once when the route is known in memory, else by a
   * lookup off the SIP threads. Once, by the controller.
   */
  void start() {
    context.dialogs.put(caller.dialog.id(), caller);
    context.invites.put(invite, this);
    context.live.add(this);
    Optional<RouteOutcome> known = knownRoute();
    if (known.isPresent()) {
      events.run(() -> routed(known.get()));
      return;
    }
    try {
      context.services.lookups().execute(this::lookUp);
    } catch (RejectedExecutionException e) {
      log.warn("call {}: route lookups are saturated; refusing with 503", id);
      events.run(() -> refuse(Response.SERVICE_UNAVAILABLE));
    }
  }

  @Override
  void setupAckTimedOut(ServerTransaction transaction) {
    if (transaction != invite) {
      return;
    }
    log.warn("call {}: a 2xx to the caller's INVITE was never acknowledged; hanging up", id);
    caller.awaitedAck = null;
    callee.awaitedAck = null;
    abort(CallStatus.FAILED, Optional.of(FailureSide.INCOMING), Response.SERVER_INTERNAL_ERROR);
  }

  // ---- routing ----

  /** The route if memory holds it; a failure there leaves the lookup to find out. */
  private Optional<RouteOutcome> knownRoute() {
    try {
      return context.services.router().routeInMemory(intake.dialed(), intake.caller());
    } catch (RuntimeException e) {
      log.warn("call {}: route from memory failed; looking it up", id, e);
      return Optional.empty();
    }
  }

  private void lookUp() {
    RouteOutcome outcome;
    try {
      outcome = context.services.router().route(intake.dialed(), intake.caller());
    } catch (RuntimeException e) {
      log.warn("call {}: route lookup failed", id, e);
      events.run(() -> refuse(Response.SERVER_INTERNAL_ERROR));
      return;
    }
    events.run(() -> routed(outcome));
  }

  private void routed(RouteOutcome outcome) {
    if (state != State.ROUTING || isEnding()) {
      return;
    }
    if (invite.isCompleted()) {
      end();
    } else if (outcome instanceof RouteOutcome.Routed routed) {
      begin(routed);
    } else if (outcome instanceof RouteOutcome.SessionClosed) {
      refuse(Response.TEMPORARILY_UNAVAILABLE);
    } else {
      refuse(Response.NOT_FOUND);
    }
  }

  private void refuse(int status) {
    if (state == State.ROUTING && !isEnding()) {
      answerCaller(status);
      end();
    }
  }

  private void begin(RouteOutcome.Routed routed) {
    route = routed;
    DialogId a = caller.dialog.id();
    caller.guard = new PrivacyGuard(routed.target(), List.of());
    callee.guard = new PrivacyGuard(intake.caller(),
        guardable(a.callId(), a.localTag(), a.remoteTag()));
    record = new CallRecorder(id, routed.session().id(), CallKind.FORWARDED, routed.from(),
        context.services.clock(), context.services.callLog());
    context.counters.countStarted(CallKind.FORWARDED);
    log.debug("call {}: session {}, the {} calls {}", id, routed.session().id(),
        routed.from().configName(), routed.target());
    state = State.CALLING;
    attempts = new CalleeAttempts(this, callee, new CalleeAttempts.Target(routed.target(),
        routed.primary(), routed.backup()), intake.maxForwards() - 1, this);
    attempts.begin();
  }

  // ---- the callee's progress ----

  @Override
  public boolean wanted(CallLeg leg) {
    return !callerDone && !isEnding();
  }

  @Override
  public void fill(CallLeg leg, Request invite) {
    context.services.rewriter().carryOver(this.invite.request(), invite);
  }

  @Override
  public void ringing(CallLeg leg, Response provisional) {
    Response relayed = LegMessages.response(invite.request(), provisional.getStatusCode(),
        caller.dialog.localTag(), provisional, context.contact(caller.transport),
        context.services.rewriter());
    if (!signals.respond(invite, relayed, caller)) {
      blocked(caller);
      return;
    }
    state = State.EARLY;
  }

  @Override
  public void failingOver(CallLeg leg) {
    state = State.CALLING;
  }

  @Override
  public void answered(CallLeg leg, OutboundAttempt from, Response response) {
    if (invite.isCompleted()) {
      // the caller is gone (its CANCEL crossed the 2xx): take the answer, end it
      signals.ack(callee, callee.inviteSeq, null);
      signals.bye(callee);
      concludeAsDecided();
      return;
    }
    record.answered();
    context.counters.countAnswered(CallKind.FORWARDED);
    probes.start();
    Response ok = LegMessages.response(invite.request(), response.getStatusCode(),
        caller.dialog.localTag(), response, context.contact(caller.transport),
        context.services.rewriter());
    EncodedMessage encoded = EncodedMessage.of(ok);
    if (!signals.guarded(caller, encoded)) {
      blocked(caller);
      return;
    }
    caller.dialog.confirm(null);
    caller.awaitedAck = new CallLeg.PendingAck(seq(invite.request()), callee, callee.inviteSeq);
    state = State.ANSWERED;
    invite.respond(encoded);
    signals.acknowledgeAnswer(callee, callee.inviteSeq, from.request);
  }

  @Override
  public void failed(CallLeg leg, OutboundAttempt last, AttemptResult result) {
    answerCaller(result.statusTowardCaller());
    conclude(result.callStatus(last.provisional), result.failureSide(last.provisional));
  }

  /**
   * Answers the caller's INVITE with a final {@code status} that relays nothing from the B-leg
   * (a 503 says when to retry). Nothing more is relayed to the caller afterwards.
   */
  private void answerCaller(int status) {
    callerDone = true;
    if (invite.isCompleted()) {
      return;
    }
    Response response = SipResponses.create(invite.request(), status, caller.dialog.localTag());
    if (status == Response.SERVICE_UNAVAILABLE) {
      LegMessages.setRetryAfter(response);
    }
    signals.respond(invite, response, caller);
  }

  // ---- the caller's CANCEL and ACK ----

  @Override
  void setupCancelled(ServerTransaction cancelled) {
    if (cancelled != invite || callerDone || invite.isCompleted()) {
      return;
    }
    log.debug("call {}: cancelled by the caller", id);
    answerCaller(Response.REQUEST_TERMINATED);
    if (state == State.ROUTING) {
      end();
      return;
    }
    attempts.cancel();
    conclude(CallStatus.CANCELED, Optional.empty());
  }

  @Override
  void ackArrived(CallLeg from) {
    if (from == caller && state == State.ANSWERED) {
      state = State.CONFIRMED;
    }
  }

  // ---- joined, or not ----

  @Override
  boolean isJoined() {
    return caller.isConfirmed();
  }

  /**
   * An early dialog ended with BYE (RFC 3261 §15): the caller's is as good as a CANCEL, the
   * callee's as a refusal.
   */
  @Override
  void hungUpBeforeJoined(CallLeg from) {
    boolean byCaller = from == caller;
    answerCaller(byCaller ? Response.REQUEST_TERMINATED
        : Response.TEMPORARILY_UNAVAILABLE);
    if (attempts != null) {
      attempts.cancel();
    }
    conclude(byCaller ? CallStatus.CANCELED : CallStatus.NO_ANSWER, Optional.empty());
  }

  // ---- ending ----

  /**
   * The caller gets {@code status} if it has no final response yet, an attempt under way is
   * cancelled, answered legs are hung up.
   */
  @Override
  void abort(CallStatus outcome, Optional<FailureSide> side, int status) {
    if (state == State.ROUTING) {
      answerCaller(status);
      end();
      return;
    }
    if (!callerDone && !invite.isCompleted()) {
      answerCaller(status);
    }
    callerDone = true;
    attempts.cancel();
    signals.ackCalleeIfOwed();
    signals.bye(callee);
    signals.bye(caller);
    conclude(outcome, side);
  }

  @Override
  boolean attemptsIdle() {
    return attempts == null || attempts.isIdle();
  }

  @Override
  void released(CallStatus outcome, Optional<FailureSide> side) {
    if (attempts != null) {
      attempts.stopTimers();
    }
    context.invites.remove(invite, this);
    if (record != null) {
      context.services.outcomes().record(intake.dialed(), CallDirection.INCOMING,
          side.filter(FailureSide.INCOMING::equals).isPresent());
      log.debug("call {} ended: {} after {} attempt(s)", id, outcome.configName(),
          attempts.count());
    }
  }
}
