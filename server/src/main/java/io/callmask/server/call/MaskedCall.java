package io.callmask.server.call;

import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.dialog.Dialog;
import io.callmask.server.dialog.DialogId;
import io.callmask.server.masking.Presentation;
import io.callmask.server.masking.RouteOutcome;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.ServerTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.InvalidArgumentException;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One masked call, a back-to-back user agent: callmask is the UAS of the caller's dialog (the
 * A-leg) and the UAC of the callee's (the B-leg), and only what the {@link IdentityRewriter}
 * allows crosses between them; every message toward a party passes its leg's {@link PrivacyGuard}
 * last, and a message the guard holds back ends the call (CONTRACT §6).
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
 * ANSWERED   ACK from A                               ACK B's 2xx                       CONFIRMED
 * ANSWERED,  BYE from either leg                      200, BYE the other leg            ENDING
 *  CONFIRMED
 * ANSWERED   A's ACK never came (timer L)              BYE both legs                     ENDING
 * ENDING     the attempt and every BYE are done        write the record                  ENDED
 * </pre>
 *
 * <p>Thread-safety: every event runs in the call's {@link SerialQueue}; the controller and the
 * transactions' listeners only submit events. Nothing here blocks: the route lookup runs on the
 * lookup executor and comes back as an event.
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
  private static final int RETRY_AFTER_SECONDS = 5;

  final String id = UUID.randomUUID().toString();
  final CallContext context;
  final SerialQueue events = new SerialQueue();
  final CallLeg caller = new CallLeg(this, CallLeg.Role.CALLER);
  final CallLeg callee = new CallLeg(this, CallLeg.Role.CALLEE);
  private final ServerTransaction invite;
  private final InviteIntake.Accepted intake;
  private volatile State state = State.ROUTING;
  private RouteOutcome.Routed route;
  private CallRecorder record;
  private OutboundAttempt attempt;
  private int attempts;
  /** The caller has its final response (487, an error): nothing more is relayed to it. */
  private boolean callerDone;
  private int pendingByes;
  private boolean concluded;
  private CallStatus endStatus = CallStatus.FAILED;
  private Optional<FailureSide> endFailure = Optional.empty();
  private MidCallRelay reinvite;
  /** Every relayed re-INVITE's server transaction, registered for CANCEL and ACK timeouts. */
  private final List<ServerTransaction> relayedInvites = new ArrayList<>(0);
  private final StrayDialogs strays = new StrayDialogs(this);

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
    events.run(() -> resendAck(leg, response));
  }

  /** The 2xx sent on {@code transaction} was never acknowledged (timer L). */
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
      return;
    }
    if (outcome instanceof RouteOutcome.Routed routed) {
      begin(routed);
    } else if (outcome instanceof RouteOutcome.SessionClosed) {
      refuse(Response.TEMPORARILY_UNAVAILABLE);
    } else {
      refuse(Response.NOT_FOUND);
    }
  }

  private void refuse(int status) {
    if (state != State.ROUTING) {
      return;
    }
    answerCaller(status);
    end();
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
    log.debug("call {}: session {}, {} calls, to {}", id, routed.session().id(),
        routed.from().configName(), routed.target());
    state = State.CALLING;
    TrunkStatus trunks = context.services.trunkStatus();
    boolean skipPrimary = trunks.isDown(routed.primary().trunk())
        && !trunks.isDown(routed.backup().trunk());
    if (skipPrimary) {
      log.info("call {}: trunk {} is down, presenting the backup", id, routed.primary().trunk());
    }
    startAttempt(skipPrimary ? routed.backup() : routed.primary(), !skipPrimary);
  }

  // ---- attempts at the callee ----

  private void startAttempt(Presentation presentation, boolean mayFailOver) {
    OutboundAttempt next = new OutboundAttempt(this, presentation, mayFailOver,
        record.attemptStarted(presentation));
    attempt = next;
    attempts++;
    Optional<TrunkGateway> gateway = context.services.trunks().gateway(presentation.trunk());
    if (gateway.isEmpty()) {
      log.warn("call {}: trunk {} has no usable gateway", id, presentation.trunk());
      attemptFailed(next, AttemptResult.of(AttemptResult.Kind.NO_GATEWAY));
      return;
    }
    next.gateway = gateway.get();
    callee.transport = next.gateway.peer().transport();
    next.request = LegMessages.calleeInvite(invite.request(), route.target(),
        presentation.number(), next.gateway, context.advertised(callee.transport),
        intake.maxForwards() - 1, context.services.rewriter());
    caller.guard = caller.guard.withIdentifiers(guardable(
        DialogId.callId(next.request), DialogId.fromTag(next.request)));
    if (!guarded(callee, next.request)) {
      next.finish();
      record.attemptEnded(next.index, OptionalInt.empty());
      blocked(callee);
      return;
    }
    callee.inviteSeq = seq(next.request);
    next.transaction = context.services.layer().sendRequest(
        next.request, next.gateway.peer(), next);
    if (mayFailOver) {
      next.failoverTimer = context.services.timers().schedule(
          context.services.settings().failoverTimeout(),
          () -> events.run(() -> failoverTimeout(next)));
    }
  }

  void attemptResponse(OutboundAttempt from, Response response) {
    int status = response.getStatusCode();
    if (from != attempt || from.finished) {
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
      attemptFailed(from, AttemptResult.response(status));
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
      adoptCalleeDialog(from, response);
    }
    if (callerDone || state == State.ENDING) {
      return;
    }
    Response relayed = LegMessages.response(invite.request(), response.getStatusCode(),
        caller.dialog.localTag(), response, context.contact(caller.transport),
        context.services.rewriter());
    if (!guarded(caller, relayed)) {
      blocked(caller);
      return;
    }
    invite.respond(relayed);
    state = State.EARLY;
  }

  private void answered(OutboundAttempt from, Response response) {
    from.finish();
    record.attemptEnded(from.index, OptionalInt.of(response.getStatusCode()));
    context.services.outcomes().record(from.presentation.number(), CallDirection.OUTGOING, false);
    adoptCalleeDialog(from, response);
    if (callerDone || state == State.ENDING || invite.isCompleted()) {
      // the caller is gone (CANCEL crossed the 2xx, or shutdown): take the answer, end it
      ackLeg(callee, callee.inviteSeq, null);
      byeLeg(callee);
      conclude(endStatus, endFailure);
      return;
    }
    record.answered();
    context.counters.countAnswered();
    Response ok = LegMessages.response(invite.request(), response.getStatusCode(),
        caller.dialog.localTag(), response, context.contact(caller.transport),
        context.services.rewriter());
    if (!guarded(caller, ok)) {
      blocked(caller);
      return;
    }
    caller.dialog.confirm(null);
    caller.awaitedAck = new CallLeg.PendingAck(seq(invite.request()), callee, callee.inviteSeq);
    state = State.ANSWERED;
    invite.respond(ok);
    acknowledgeAnswer(callee, callee.inviteSeq, from.request);
  }

  /**
   * A 2xx to an INVITE that carried an SDP offer holds the answer, so its ACK carries nothing
   * from the other leg and goes at once: the callee is spared retransmissions while the caller's
   * ACK is on its way. After an INVITE without an offer, the ACK must carry the answer that the
   * other leg's ACK brings, so it waits for that ({@link #acked}).
   */
  void acknowledgeAnswer(CallLeg leg, long seq, Request sentInvite) {
    byte[] offer = sentInvite.getRawContent();
    if (offer != null && offer.length > 0) {
      ackLeg(leg, seq, null);
    }
  }

  void attemptFailed(OutboundAttempt from, AttemptResult result) {
    if (from != attempt || from.finished) {
      return;
    }
    from.finish();
    record.attemptEnded(from.index, result.sipStatus());
    context.services.outcomes().record(from.presentation.number(), CallDirection.OUTGOING,
        result.isCarrierFailure());
    forgetCalleeDialog();
    if (callerDone || state == State.ENDING) {
      finishIfIdle();
      return;
    }
    if (from.mayFailOver && result.isCarrierFailure()) {
      failOver(from, result);
      return;
    }
    answerCaller(result.statusTowardCaller());
    conclude(result.callStatus(from.provisional), result.failureSide(from.provisional));
  }

  private void failoverTimeout(OutboundAttempt from) {
    if (from != attempt || from.finished || from.provisional || callerDone
        || state != State.CALLING) {
      return;
    }
    from.finish();
    context.services.layer().sendCancel(from.transaction, IGNORED);
    record.attemptEnded(from.index, OptionalInt.empty());
    context.services.outcomes().record(from.presentation.number(), CallDirection.OUTGOING, true);
    failOver(from, AttemptResult.of(AttemptResult.Kind.SILENT));
  }

  private void failOver(OutboundAttempt failed, AttemptResult result) {
    context.counters.countFailover();
    log.info("call {}: trunk {} failed ({} {}); trying the backup", id,
        failed.presentation.trunk(), result.kind(), result.status());
    state = State.CALLING;
    startAttempt(route.backup(), false);
  }

  /** The callee's early or confirmed dialog comes from {@code response} of {@code from}. */
  private void adoptCalleeDialog(OutboundAttempt from, Response response) {
    DialogId id = DialogId.ofResponse(response);
    boolean success = response.getStatusCode() / 100 == 2;
    if (callee.dialog != null && callee.dialog.id().equals(id)) {
      if (success) {
        callee.dialog.confirm(response);
      }
      return;
    }
    forgetCalleeDialog();
    callee.dialog = Dialog.asUac(from.request, response, from.gateway.peer());
    context.dialogs.put(callee.dialog.id(), callee);
    caller.guard = caller.guard.withIdentifiers(guardable(id.remoteTag()));
  }

  private void forgetCalleeDialog() {
    if (callee.dialog != null) {
      context.dialogs.remove(callee.dialog.id(), callee);
      callee.dialog = null;
    }
  }

  /** A 2xx of an attempt already decided: a retransmission, or a fork or attempt not wanted. */
  private void lateSuccess(OutboundAttempt from, Response response) {
    if (from == attempt && callee.dialog != null
        && callee.dialog.id().equals(DialogId.ofResponse(response))) {
      resendAck(callee, response);
    } else {
      strays.hangUp(from, response);
    }
  }

  // ---- the caller's CANCEL and ACK ----

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
    answerCaller(Response.REQUEST_TERMINATED);
    if (state == State.ROUTING) {
      end();
      return;
    }
    cancelAttempt();
    conclude(CallStatus.CANCELED, Optional.empty());
  }

  private void cancelAttempt() {
    if (attempt != null && !attempt.finished && attempt.transaction != null) {
      context.services.layer().sendCancel(attempt.transaction, IGNORED);
    }
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
      ackLeg(pending.other(), pending.otherSeq(), ack);
    }
  }

  /** ACKs the 2xx to the INVITE with CSeq {@code seq} on {@code leg}, with {@code source}'s body. */
  private void ackLeg(CallLeg leg, long seq, Request source) {
    if (leg.sentAckSeq == seq) {
      return;
    }
    Request ack = leg.dialog.createAck(seq);
    if (source != null) {
      context.services.rewriter().carryBody(source, ack);
    }
    if (!guarded(leg, ack)) {
      blocked(leg);
      return;
    }
    context.services.layer().sendAck(ack, leg.dialog.nextHop());
    leg.sentAck = ack;
    leg.sentAckSeq = seq;
  }

  void resendAck(CallLeg leg, Response success) {
    if (leg.sentAck != null && leg.sentAckSeq == seq(success)
        && leg.dialog != null && leg.dialog.id().equals(DialogId.ofResponse(success))) {
      context.services.layer().sendStateless(leg.sentAck, leg.dialog.nextHop());
    }
  }

  // ---- requests inside the dialogs ----

  private void inDialog(CallLeg from, ServerTransaction transaction) {
    Request request = transaction.request();
    if (state == State.ENDED || from.dialog == null) {
      respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, from);
      return;
    }
    if (!from.dialog.acceptRemoteSequence(seq(request))) {
      respond(transaction, Response.SERVER_INTERNAL_ERROR, from);
      return;
    }
    switch (request.getMethod()) {
      case Request.BYE -> bye(from, transaction);
      case Request.INVITE, Request.UPDATE, Request.INFO, Request.PRACK -> relay(from, transaction);
      default -> respond(transaction, Response.METHOD_NOT_ALLOWED, from);
    }
  }

  private void relay(CallLeg from, ServerTransaction transaction) {
    if (state == State.ENDING) {
      respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, from);
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
    respond(transaction, Response.OK, from);
    from.byeSent = true;
    if (state == State.ENDING) {
      return;
    }
    log.debug("call {}: the {} hung up", id, from.role);
    if (!caller.isConfirmed()) {
      // an early dialog ended with BYE (RFC 3261 §15): the caller's is as good as a CANCEL,
      // the callee's as a refusal
      boolean byCaller = from == caller;
      answerCaller(byCaller ? Response.REQUEST_TERMINATED : Response.TEMPORARILY_UNAVAILABLE);
      cancelAttempt();
      conclude(byCaller ? CallStatus.CANCELED : CallStatus.NO_ANSWER, Optional.empty());
      return;
    }
    ackCalleeIfOwed();
    byeLeg(other(from));
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
      answerCaller(callerStatus);
      end();
      return;
    }
    if (!callerDone && !invite.isCompleted()) {
      answerCaller(callerStatus);
    }
    callerDone = true;
    cancelAttempt();
    ackCalleeIfOwed();
    byeLeg(callee);
    byeLeg(caller);
    conclude(status, side);
  }

  /** A message toward {@code toward} was held back by its guard: fail the call safely. */
  void blocked(CallLeg toward) {
    abort(CallStatus.FAILED, Optional.of(toward == caller ? FailureSide.INCOMING
        : FailureSide.OUTGOING), Response.SERVER_INTERNAL_ERROR);
  }

  /** The callee answered and was never acknowledged (the caller left first): do it now. */
  private void ackCalleeIfOwed() {
    if (callee.isConfirmed() && callee.sentAckSeq != callee.inviteSeq) {
      if (caller.awaitedAck != null && caller.awaitedAck.other() == callee) {
        caller.awaitedAck = null;
      }
      ackLeg(callee, callee.inviteSeq, null);
    }
  }

  private void byeLeg(CallLeg leg) {
    if (!leg.isConfirmed() || leg.byeSent) {
      return;
    }
    leg.byeSent = true;
    Request bye = leg.dialog.createRequest(Request.BYE);
    if (!guarded(leg, bye)) {
      return;
    }
    pendingByes++;
    context.services.layer().sendRequest(bye, leg.dialog.nextHop(), new ResponseListener() {
      @Override
      public void onResponse(Response response) {
        if (response.getStatusCode() >= 200) {
          events.run(MaskedCall.this::byeDone);
        }
      }

      @Override
      public void onTimeout() {
        events.run(MaskedCall.this::byeDone);
      }

      @Override
      public void onTransportError(Throwable cause) {
        events.run(MaskedCall.this::byeDone);
      }
    });
  }

  private void byeDone() {
    pendingByes--;
    finishIfIdle();
  }

  /** The call's outcome is decided (the first decision stands); it ends once nothing is pending. */
  private void conclude(CallStatus status, Optional<FailureSide> side) {
    if (!concluded) {
      concluded = true;
      endStatus = status;
      endFailure = side;
    }
    state = State.ENDING;
    finishIfIdle();
  }

  private void finishIfIdle() {
    if (state == State.ENDING && (attempt == null || attempt.finished) && pendingByes == 0) {
      end();
    }
  }

  private void end() {
    if (state == State.ENDED) {
      return;
    }
    state = State.ENDED;
    if (attempt != null) {
      attempt.stopFailoverTimer();
    }
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
      log.debug("call {} ended: {} after {} attempt(s)", id, endStatus.configName(), attempts);
    }
    context.live.remove(this);
  }

  // ---- sending ----

  /** Answers the caller's INVITE with a final {@code status} that relays nothing from the B-leg. */
  private void answerCaller(int status) {
    callerDone = true;
    if (invite.isCompleted()) {
      return;
    }
    Response response = SipResponses.create(invite.request(), status, caller.dialog.localTag());
    if (status == Response.SERVICE_UNAVAILABLE) {
      try {
        response.setHeader(SipResponses.headerFactory().createRetryAfterHeader(
            RETRY_AFTER_SECONDS));
      } catch (InvalidArgumentException e) {
        throw new IllegalStateException("a positive Retry-After is valid", e);
      }
    }
    if (guarded(caller, response)) {
      invite.respond(response);
    }
  }

  private void respond(ServerTransaction transaction, int status, CallLeg toward) {
    Response response = SipResponses.create(transaction.request(), status,
        toward.dialog == null ? SipResponses.newTag() : toward.dialog.localTag());
    if (guarded(toward, response)) {
      transaction.respond(response);
    }
  }

  /** The guard's verdict on {@code message} toward {@code toward}'s party; logs what it stops. */
  boolean guarded(CallLeg toward, Message message) {
    if (toward.guard == null) {
      return true;
    }
    Optional<PrivacyGuard.Leak> leak = toward.guard.check(message.toString());
    leak.ifPresent(found -> log.error("call {}: held back a message toward the {}: it carries {} "
        + "in {}", id, toward.role, found.what(), found.where()));
    return leak.isEmpty();
  }

  private CallLeg other(CallLeg leg) {
    return leg == caller ? callee : caller;
  }

  private static List<String> guardable(String... identifiers) {
    return Arrays.stream(identifiers)
        .filter(identifier -> identifier != null && identifier.length() >= MIN_GUARDED_IDENTIFIER)
        .toList();
  }

  static long seq(Message message) {
    return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
  }
}
