package io.callmask.server.call;

import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.ids.TimeOrderedIds;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.ServerTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call of two legs that callmask bridges as a back-to-back user agent: two separate dialogs
 * (RFC 3261 §12) between which only what the {@link IdentityRewriter} allows crosses, every
 * message toward a party passing its leg's {@link PrivacyGuard} last. This class runs what both
 * kinds of call share once their legs are joined: BYE from either side hangs up the other,
 * re-INVITE, UPDATE, INFO and PRACK are relayed ({@link MidCallRelay}), ACKs of relayed 2xx cross
 * over, 2xx retransmissions get their ACK again, and the call ends once nothing is pending. How
 * the legs are set up is the subclass's: {@link MaskedCall} answers a party that dialed and calls
 * the other; {@link ClickToCall} calls both (RFC 3725).
 *
 * <p>Lifecycle: live (the subclass's own states), then {@code ENDING} once the outcome is decided
 * (hang-ups and attempts may still be pending), then {@code ENDED} when the record is written.
 *
 * <p>Thread-safety: every event runs in the call's {@link SerialQueue}; the controller and the
 * transactions' listeners only submit events. Fields are confined to that queue, and so are the
 * collaborators that share them ({@link CalleeAttempts}, {@link LegSignals}, {@link
 * MidCallRelay}).
 */
abstract class BridgedCall {

  /** For transactions whose outcome does not matter (CANCEL, a stray's BYE). */
  static final ResponseListener IGNORED = new ResponseListener() {
    @Override
    public void onResponse(Response response) {}

    @Override
    public void onTimeout() {}

    @Override
    public void onTransportError(Throwable cause) {}
  };

  private static final Logger log = LoggerFactory.getLogger(BridgedCall.class);
  /** Shorter identifiers are not guarded: they would match by chance. */
  private static final int MIN_GUARDED_IDENTIFIER = 6;

  /** Where the call is in its lifecycle; the live part is detailed by the subclass. */
  enum Lifecycle {
    LIVE,
    ENDING,
    ENDED
  }

  /** In creation order, so that the call records' primary key grows at its end. */
  final String id = TimeOrderedIds.system().next();
  final CallContext context;
  final SerialQueue events = new SerialQueue();
  /** The party that dialed (forwarded) or asked for the call and is called first (click-to-call). */
  final CallLeg caller = new CallLeg(this, CallLeg.Role.CALLER);
  /** The other party. */
  final CallLeg callee = new CallLeg(this, CallLeg.Role.CALLEE);
  final LegSignals signals = new LegSignals(this);
  /** Started by the subclass once the call is answered. */
  final DialogProbes probes = new DialogProbes(this);
  CallRecorder record;
  private volatile Lifecycle lifecycle = Lifecycle.LIVE;
  private boolean concluded;
  private CallStatus endStatus = CallStatus.FAILED;
  private Optional<FailureSide> endFailure = Optional.empty();
  private MidCallRelay reinvite;
  /** Every relayed re-INVITE's server transaction, registered for CANCEL and ACK timeouts. */
  private final List<ServerTransaction> relayedInvites = new ArrayList<>(0);

  BridgedCall(CallContext context) {
    this.context = context;
  }

  // ---- what the subclass decides ----

  /** Both legs are answered: a BYE now hangs up the other leg and completes the call. */
  abstract boolean isJoined();

  /** {@code from} hung up (the BYE is answered) before the legs were joined. */
  abstract void hungUpBeforeJoined(CallLeg from);

  /**
   * Ends the call from here, whatever its state: attempts under way are cancelled, answered legs
   * hung up; {@code status} says why, as a SIP status (the final response of a party still
   * waiting for one, or the cause told to the parties).
   */
  abstract void abort(CallStatus outcome, Optional<FailureSide> side, int status);

  /** No attempt at any leg is under way. */
  abstract boolean attemptsIdle();

  /** A CANCEL for an INVITE server transaction of the subclass's own (not a relayed one). */
  void setupCancelled(ServerTransaction cancelled) {}

  /** A 2xx sent on the subclass's own INVITE server transaction was never acknowledged. */
  void setupAckTimedOut(ServerTransaction transaction) {}

  /** The call ended: release what the subclass holds (timers, registrations, outcomes). */
  abstract void released(CallStatus outcome, Optional<FailureSide> side);

  // ---- events from the controller ----

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
      if (isEnding()) {
        return;
      }
      if (!relayedInvites.contains(transaction)) {
        setupAckTimedOut(transaction);
        return;
      }
      log.warn("call {}: a 2xx to a re-INVITE was never acknowledged; hanging up", id);
      caller.awaitedAck = null;
      callee.awaitedAck = null;
      abort(CallStatus.COMPLETED, Optional.empty(), Response.SERVER_INTERNAL_ERROR);
    });
  }

  /** Shutdown: ends the call now, whatever its state (503 to a party still waiting). */
  void hangUp() {
    events.run(() -> {
      if (!isEnding()) {
        abort(record != null && record.isAnswered() ? CallStatus.COMPLETED : CallStatus.FAILED,
            Optional.empty(), Response.SERVICE_UNAVAILABLE);
      }
    });
  }

  // ---- the lifecycle ----

  /** The outcome is decided (or the call is over): nothing new is started. */
  boolean isEnding() {
    return lifecycle != Lifecycle.LIVE;
  }

  boolean isEnded() {
    return lifecycle == Lifecycle.ENDED;
  }

  /** The call's outcome is decided (the first decision stands); it ends once nothing is pending. */
  void conclude(CallStatus status, Optional<FailureSide> side) {
    if (!concluded) {
      concluded = true;
      endStatus = status;
      endFailure = side;
    }
    if (lifecycle == Lifecycle.LIVE) {
      lifecycle = Lifecycle.ENDING;
    }
    finishIfIdle();
  }

  /** Ends as already decided (or failed, if nothing was). */
  void concludeAsDecided() {
    conclude(endStatus, endFailure);
  }

  void finishIfIdle() {
    if (lifecycle == Lifecycle.ENDING && attemptsIdle() && !signals.byesPending()) {
      end();
    }
  }

  /** Ends the call now: unregisters it and writes its record. */
  void end() {
    if (lifecycle == Lifecycle.ENDED) {
      return;
    }
    lifecycle = Lifecycle.ENDED;
    probes.stop();
    if (caller.dialog != null) {
      context.dialogs.remove(caller.dialog.id(), caller);
    }
    if (callee.dialog != null) {
      // kept (unregistered) so that a late 2xx retransmission still gets its ACK again
      context.dialogs.remove(callee.dialog.id(), callee);
    }
    for (ServerTransaction relayed : relayedInvites) {
      context.invites.remove(relayed, this);
    }
    if (record != null) {
      record.ended(endStatus, endFailure);
      if (endStatus == CallStatus.FAILED) {
        context.counters.countFailed(record.kind());
      }
    }
    released(endStatus, endFailure);
    context.live.remove(this);
  }

  /** A message toward {@code toward} was held back by its guard: fail the call safely. */
  void blocked(CallLeg toward) {
    abort(CallStatus.FAILED, Optional.of(toward == caller ? FailureSide.INCOMING
        : FailureSide.OUTGOING), Response.SERVER_INTERNAL_ERROR);
  }

  /** The other side answered 481 or 408 inside the dialog: it is gone, so is the call. */
  void dialogLost(CallLeg leg) {
    leg.byeSent = true;
    if (!isEnding()) {
      abort(CallStatus.COMPLETED, Optional.empty(), Response.SERVER_INTERNAL_ERROR);
    }
  }

  // ---- the ACKs and CANCELs of relayed re-INVITEs ----

  private void cancelled(ServerTransaction cancelled) {
    if (reinvite != null && reinvite.inbound == cancelled) {
      reinvite.cancel();
      cancelled.respond(SipResponses.create(cancelled.request(), Response.REQUEST_TERMINATED,
          reinvite.from.dialog.localTag()));
      return;
    }
    setupCancelled(cancelled);
  }

  /** An ACK from {@code from}; the base handles ACKs of 2xx relayed to it. */
  void acked(CallLeg from, Request ack) {
    CallLeg.PendingAck pending = from.awaitedAck;
    if (pending == null || pending.seq() != seq(ack)) {
      return;
    }
    from.awaitedAck = null;
    ackArrived(from);
    if (pending.other().dialog != null) {
      signals.ack(pending.other(), pending.otherSeq(), ack);
    }
  }

  /** {@code from} acknowledged a 2xx callmask sent it; the subclass may move on. */
  void ackArrived(CallLeg from) {}

  // ---- requests inside the dialogs ----

  private void inDialog(CallLeg from, ServerTransaction transaction) {
    Request request = transaction.request();
    if (isEnded() || from.dialog == null) {
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
    if (isEnding()) {
      signals.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, from);
      return;
    }
    if (!mayRelay(from, transaction)) {
      return;
    }
    MidCallRelay relay = new MidCallRelay(this, from, other(from), transaction);
    if (relay.start() && relay.isInvite()) {
      reinvite = relay;
      relayedInvites.add(transaction);
      context.invites.put(transaction, this);
    }
  }

  /**
   * Whether a request from {@code from} may be relayed now; when not, the subclass has answered
   * it (e.g. 491 while it renegotiates media itself).
   */
  boolean mayRelay(CallLeg from, ServerTransaction transaction) {
    return true;
  }

  void relayEnded(MidCallRelay relay) {
    if (reinvite == relay) {
      reinvite = null;
    }
  }

  private void bye(CallLeg from, ServerTransaction transaction) {
    signals.respond(transaction, Response.OK, from);
    from.byeSent = true;
    if (isEnding()) {
      return;
    }
    log.debug("call {}: the {} hung up", id, from.role);
    if (!isJoined()) {
      hungUpBeforeJoined(from);
      return;
    }
    signals.ackCalleeIfOwed();
    signals.bye(other(from));
    conclude(CallStatus.COMPLETED, Optional.empty());
  }

  CallLeg other(CallLeg leg) {
    return leg == caller ? callee : caller;
  }

  /** The identifiers worth guarding: long enough not to turn up by chance. */
  static List<String> guardable(String... identifiers) {
    return Arrays.stream(identifiers)
        .filter(identifier -> identifier != null && identifier.length() >= MIN_GUARDED_IDENTIFIER)
        .toList();
  }

  static long seq(Message message) {
    return CoreHeaders.cseq(message).getSeqNumber();
  }
}
