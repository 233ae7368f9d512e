package io.callmask.server.call;

import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.dialog.Dialog;
import io.callmask.server.dialog.DialogId;
import io.callmask.server.masking.RouteOutcome;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.ServerTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One masked call, a back-to-back user agent: callmask is the UAS of the caller's dialog (the
 * A-leg) and the UAC of the callee's (the B-leg, {@link CalleeAttempts}), and only what the
 * {@link IdentityRewriter} allows crosses between them; every message toward a party passes its
 * leg's {@link PrivacyGuard} last, and a message the guard holds back ends the call (CONTRACT §6).
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
 * CALLING,   other final, or the backup's failure      relay the final to A              ENDED
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
 * <p>Thread-safety: every event runs in the call's {@link SerialQueue}; the controller and the
 * transactions' listeners only submit events. The fields are confined to that queue, and so are
 * the collaborators that share them ({@link CalleeAttempts}, {@link LegSignals}, {@link
 * MidCallRelay}). Nothing here blocks: the route lookup runs on the lookup executor and comes
 * back as an event.
 */
final class MaskedCall {

  /** Where the call is; see the class comment. */
  enum State {
    ROUTING,
    CALLING,
    EARLY,
    ANSWERED,
    CONFIRMED,
    ENDING,
    ENDED
  }

  /** For transactions whose outcome does not matter (CANCEL, a stray's BYE). */
  static final ResponseListener IGNORED = new ResponseListener() {
    @Override
    public void onResponse(Response response) {}

    @Override
    public void onTimeout() {}

    @Override
    public void onTransportError(Throwable cause) {}
  };

  private static final Logger log = LoggerFactory.getLogger(MaskedCall.class);
  /** Shorter identifiers are not guarded: they would match by chance. */
  private static final int MIN_GUARDED_IDENTIFIER = 6;

  final String id = UUID.randomUUID().toString();
  final CallContext context;
  final SerialQueue events = new SerialQueue();
  final CallLeg caller = new CallLeg(this, CallLeg.Role.CALLER);
  final CallLeg callee = new CallLeg(this, CallLeg.Role.CALLEE);
  final ServerTransaction invite;
  final InviteIntake.Accepted intake;
  final CalleeAttempts attempts = new CalleeAttempts(this);
  final LegSignals signals = new LegSignals(this);
  RouteOutcome.Routed route;
  CallRecorder record;
  /** The caller has its final response (487, an error): nothing more is relayed to it. */
  boolean callerDone;
  private volatile State state = State.ROUTING;
  private boolean concluded;
  private CallStatus endStatus = CallStatus.FAILED;
  private Optional<FailureSide> endFailure = Optional.empty();
  private MidCallRelay reinvite;
  /** Every relayed re-INVITE's server transaction, registered for CANCEL and ACK timeouts. */
  private final List<ServerTransaction> relayedInvites = new ArrayList<>(0);

  MaskedCall(CallContext context, ServerTransaction invite, InviteIntake.Accepted intake) {
    this.context = context;
    this.invite = invite;
    this.intake = intake;
    caller.transport = invite.peer().transport();
    caller.dialog = Dialog.asUas(invite.request(), SipResponses.newTag(), invite.peer());
  }

  State state() {
    return state;
  }

  void moveTo(State next) {
    state = next;
  }

  // ---- events from the controller ----

  /** Registers the call and looks its route up off the SIP threads. Once, by the controller. */
  void start() {
    context.dialogs.put(caller.dialog.id(), caller);
    context.invites.put(invite, this);
    context.live.add(this);
    try {
      context.services.lookups().execute(this::lookUp);
    } catch (RejectedExecutionException e) {
      log.warn("call {}: route lookups are saturated; refusing with 503", id);
      events.run(() -> refuse(Response.SERVICE_UNAVAILABLE));
    }
  }

  void onRequest(CallLeg from, ServerTransaction transaction) {
    events.run(() -> inDialog(from, transaction));
  }

  void onCancel(ServerTransaction cancelled) {
    events.run(() -> cancelled(cancelled));
  }

  void onAck(CallLeg from, Request ack) {
    events.run(() -> acked(from, ack));
  }

  /** A 2xx retransmission that outlived its transaction (RFC 3261 §13.2.2.4). */
  void onStraySuccess(CallLeg leg, Response response) {
    events.run(() -> signals.resendAck(leg, response));
  }

  /** The 2xx sent on {@code transaction} was never acknowledged (timer L): hang up. */
  void onAckTimeout(ServerTransaction transaction) {
    events.run(() -> {
      if (state == State.ENDING || state == State.ENDED) {
        return;
      }
      boolean initial = transaction == invite;
      log.warn("call {}: a 2xx to {} was never acknowledged; hanging up", id,
          initial ? "the caller's INVITE" : "a re-INVITE");
      caller.awaitedAck = null;
      callee.awaitedAck = null;
      abort(initial ? CallStatus.FAILED : CallStatus.COMPLETED,
          initial ? Optional.of(FailureSide.INCOMING) : Optional.empty(),
          Response.SERVER_INTERNAL_ERROR);
    });
  }

  /** Shutdown: ends the call now, whatever its state (503 to an unanswered caller). */
  void hangUp() {
    events.run(() -> {
      if (state != State.ENDING && state != State.ENDED) {
        abort(record != null && record.isAnswered() ? CallStatus.COMPLETED : CallStatus.FAILED,
            Optional.empty(), Response.SERVICE_UNAVAILABLE);
      }
    });
  }

  // ---- routing ----

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
    if (state != State.ROUTING) {
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
    if (state == State.ROUTING) {
      signals.answerCaller(status);
      end();
    }
  }

  private void begin(RouteOutcome.Routed routed) {
    route = routed;
    DialogId a = caller.dialog.id();
    caller.guard = new PrivacyGuard(routed.target(), List.of());
    callee.guard = new PrivacyGuard(intake.caller(),
        guardable(a.callId(), a.localTag(), a.remoteTag()));
    record = new CallRecorder(id, routed.session().id(), routed.from(), context.services.clock(),
        context.services.callLog());
    context.counters.countStarted();
    log.debug("call {}: session {}, the {} calls {}", id, routed.session().id(),
        routed.from().configName(), routed.target());
    state = State.CALLING;
    attempts.begin();
  }

  /** The attempt {@code from} was answered with {@code response}: relay the answer. */
  void answered(OutboundAttempt from, Response response) {
    record.answered();
    context.counters.countAnswered();
    Response ok = LegMessages.response(invite.request(), response.getStatusCode(),
        caller.dialog.localTag(), response, context.contact(caller.transport),
        context.services.rewriter());
    if (!signals.guarded(caller, ok)) {
      blocked(caller);
      return;
    }
    caller.dialog.confirm(null);
    caller.awaitedAck = new CallLeg.PendingAck(seq(invite.request()), callee, callee.inviteSeq);
    state = State.ANSWERED;
    invite.respond(ok);
    signals.acknowledgeAnswer(callee, callee.inviteSeq, from.request);
  }

  // ---- the caller's CANCEL and the ACKs ----

  private void cancelled(ServerTransaction cancelled) {
    if (reinvite != null && reinvite.inbound == cancelled) {
      reinvite.cancel();
      cancelled.respond(SipResponses.create(cancelled.request(), Response.REQUEST_TERMINATED,
          reinvite.from.dialog.localTag()));
      return;
    }
    if (cancelled != invite || callerDone || invite.isCompleted()) {
      return;
    }
    log.debug("call {}: cancelled by the caller", id);
    signals.answerCaller(Response.REQUEST_TERMINATED);
    if (state == State.ROUTING) {
      end();
      return;
    }
    attempts.cancel();
    conclude(CallStatus.CANCELED, Optional.empty());
  }

  private void acked(CallLeg from, Request ack) {
    CallLeg.PendingAck pending = from.awaitedAck;
    if (pending == null || pending.seq() != seq(ack)) {
      return;
    }
    from.awaitedAck = null;
    if (from == caller && state == State.ANSWERED) {
      state = State.CONFIRMED;
    }
    if (pending.other().dialog != null) {
      signals.ack(pending.other(), pending.otherSeq(), ack);
    }
  }

  // ---- requests inside the dialogs ----

  private void inDialog(CallLeg from, ServerTransaction transaction) {
    Request request = transaction.request();
    if (state == State.ENDED || from.dialog == null) {
      signals.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, from);
      return;
    }
    if (!from.dialog.acceptRemoteSequence(seq(request))) {
      signals.respond(transaction, Response.SERVER_INTERNAL_ERROR, from);
      return;
    }
    switch (request.getMethod()) {
      case Request.BYE -> bye(from, transaction);
      case Request.INVITE, Request.UPDATE, Request.INFO, Request.PRACK -> relay(from, transaction);
      default -> signals.respond(transaction, Response.METHOD_NOT_ALLOWED, from);
    }
  }

  private void relay(CallLeg from, ServerTransaction transaction) {
    if (state == State.ENDING) {
      signals.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, from);
      return;
    }
    MidCallRelay relay = new MidCallRelay(this, from, other(from), transaction);
    if (relay.start() && relay.isInvite()) {
      reinvite = relay;
      relayedInvites.add(transaction);
      context.invites.put(transaction, this);
    }
  }

  void relayEnded(MidCallRelay relay) {
    if (reinvite == relay) {
      reinvite = null;
    }
  }

  private void bye(CallLeg from, ServerTransaction transaction) {
    signals.respond(transaction, Response.OK, from);
    from.byeSent = true;
    if (state == State.ENDING) {
      return;
    }
    log.debug("call {}: the {} hung up", id, from.role);
    if (!caller.isConfirmed()) {
      // an early dialog ended with BYE (RFC 3261 §15): the caller's is as good as a CANCEL,
      // the callee's as a refusal
      boolean byCaller = from == caller;
      signals.answerCaller(byCaller ? Response.REQUEST_TERMINATED
          : Response.TEMPORARILY_UNAVAILABLE);
      attempts.cancel();
      conclude(byCaller ? CallStatus.CANCELED : CallStatus.NO_ANSWER, Optional.empty());
      return;
    }
    signals.ackCalleeIfOwed();
    signals.bye(other(from));
    conclude(CallStatus.COMPLETED, Optional.empty());
  }

  /** The other side answered 481 or 408 inside the dialog: it is gone, so is the call. */
  void dialogLost(CallLeg leg) {
    leg.byeSent = true;
    if (state != State.ENDING && state != State.ENDED) {
      abort(CallStatus.COMPLETED, Optional.empty(), Response.SERVER_INTERNAL_ERROR);
    }
  }

  // ---- ending ----

  /**
   * Ends the call from here: the caller gets {@code callerStatus} if it has no final response
   * yet, an attempt under way is cancelled, answered legs are hung up.
   */
  private void abort(CallStatus status, Optional<FailureSide> side, int callerStatus) {
    if (state == State.ROUTING) {
      signals.answerCaller(callerStatus);
      end();
      return;
    }
    if (!callerDone && !invite.isCompleted()) {
      signals.answerCaller(callerStatus);
    }
    callerDone = true;
    attempts.cancel();
    signals.ackCalleeIfOwed();
    signals.bye(callee);
    signals.bye(caller);
    conclude(status, side);
  }

  /** A message toward {@code toward} was held back by its guard: fail the call safely. */
  void blocked(CallLeg toward) {
    abort(CallStatus.FAILED, Optional.of(toward == caller ? FailureSide.INCOMING
        : FailureSide.OUTGOING), Response.SERVER_INTERNAL_ERROR);
  }

  /** The call's outcome is decided (the first decision stands); it ends once nothing is pending. */
  void conclude(CallStatus status, Optional<FailureSide> side) {
    if (!concluded) {
      concluded = true;
      endStatus = status;
      endFailure = side;
    }
    state = State.ENDING;
    finishIfIdle();
  }

  /** Ends as already decided (or failed, if nothing was). */
  void concludeAsDecided() {
    conclude(endStatus, endFailure);
  }

  void finishIfIdle() {
    if (state == State.ENDING && attempts.isIdle() && !signals.byesPending()) {
      end();
    }
  }

  private void end() {
    if (state == State.ENDED) {
      return;
    }
    state = State.ENDED;
    attempts.stopTimers();
    context.dialogs.remove(caller.dialog.id(), caller);
    if (callee.dialog != null) {
      // kept (unregistered) so that a late 2xx retransmission still gets its ACK again
      context.dialogs.remove(callee.dialog.id(), callee);
    }
    context.invites.remove(invite, this);
    for (ServerTransaction relayed : relayedInvites) {
      context.invites.remove(relayed, this);
    }
    if (record != null) {
      record.ended(endStatus, endFailure);
      context.services.outcomes().record(intake.dialed(), CallDirection.INCOMING,
          endFailure.filter(FailureSide.INCOMING::equals).isPresent());
      if (endStatus == CallStatus.FAILED) {
        context.counters.countFailed();
      }
      log.debug("call {} ended: {} after {} attempt(s)", id, endStatus.configName(),
          attempts.count());
    }
    context.live.remove(this);
  }

  private CallLeg other(CallLeg leg) {
    return leg == caller ? callee : caller;
  }

  /** The identifiers worth guarding: long enough not to turn up by chance. */
  static List<String> guardable(String... identifiers) {
    return Arrays.stream(identifiers)
        .filter(identifier -> identifier != null && identifier.length() >= MIN_GUARDED_IDENTIFIER)
        .toList();
  }

  static long seq(Message message) {
    return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
  }
}
