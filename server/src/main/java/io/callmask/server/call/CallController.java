package io.callmask.server.call;

import io.callmask.server.dialog.Dialog;
import io.callmask.server.dialog.DialogId;
import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TransactionLayer;
import io.callmask.sip.transaction.TransactionUser;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.header.UnsupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction user of the server (CONTRACT §6): every request gets a final response here or
 * in the call it belongs to.
 *
 * <p>OPTIONS is answered 200 from anyone (carriers probe with it). Any other request must come
 * from an address a trunk allows (403), with Max-Forwards above 0 (483). A request inside a
 * dialog goes to its call's leg (481 when there is none); an initial INVITE starts a {@link
 * MaskedCall} after the {@link InviteIntake} checks; other initial requests get 405 (or 481 for
 * methods that only exist inside a dialog). Click-to-calls ({@link ClickToCall}) start here too,
 * asked for through {@link ClickToCalls}. While draining for shutdown, new INVITEs get 503 and
 * no click-to-call starts; the same while callmask is behind its input ({@link Overload}), where
 * a trunk's INVITE is refused before it gets a transaction ({@link #refuseStatelessly}).
 *
 * <p>Thread-safe: stateless apart from the shared {@link CallContext}; never blocks, except
 * {@link #drain}, which the closing thread calls.
 */
public final class CallController implements TransactionUser {

  private static final Logger log = LoggerFactory.getLogger(CallController.class);
  private static final List<String> DIALOG_METHODS =
      List.of(Request.BYE, Request.UPDATE, Request.INFO, Request.PRACK);
  /** How long a caller refused while draining should wait before trying this node again. */
  private static final int DRAINING_RETRY_AFTER_SECONDS = 30;
  /** After the drain timeout: how long the hang-ups may take to be answered. */
  private static final Duration HANG_UP_GRACE = Duration.ofSeconds(2);

  private final CallContext context;
  private volatile boolean draining;

  public CallController(CallServices services) {
    this.context = new CallContext(services);
  }

  /**
   * Under overload a trunk's new INVITE is refused with 503 and Retry-After without a transaction
   * (RFC 3261 §8.2.7 names overload as the case for it): no 100 Trying, no retransmitted 503, no
   * transaction kept for seconds after, so the refusals that make room for the calls in progress
   * cost as little as they can. Other senders go on to their 403.
   */
  @Override
  public Response refuseStatelessly(Request invite, Peer from) {
    if (!context.services.trunks().allows(from.remote().getAddress())
        || !context.services.overload().refusesNewCall()) {
      return null;
    }
    log.debug("refusing a new call from {}: behind on SIP input", from);
    return serviceUnavailable(SipResponses.createStateless(invite, Response.SERVICE_UNAVAILABLE),
        Overload.RETRY_AFTER_SECONDS);
  }

  @Override
  public void onRequest(ServerTransaction transaction) {
    Request request = transaction.request();
    String method = request.getMethod();
    if (Request.OPTIONS.equals(method)) {
      transaction.respond(optionsAnswer(request));
      return;
    }
    if (!context.services.trunks().allows(transaction.peer().remote().getAddress())) {
      log.debug("refusing {} from {}: no trunk allows it", method, transaction.peer());
      respond(transaction, Response.FORBIDDEN);
      return;
    }
    if (LegMessages.maxForwards(request) <= 0) {
      respond(transaction, Response.TOO_MANY_HOPS);
      return;
    }
    if (CoreHeaders.to(request).getTag() != null) {
      context.dialogs.find(DialogId.ofInbound(request)).ifPresentOrElse(
          leg -> leg.call.onRequest(leg, transaction),
          () -> respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
      return;
    }
    if (Request.INVITE.equals(method)) {
      newCall(transaction);
    } else {
      respond(transaction, DIALOG_METHODS.contains(method)
          ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.METHOD_NOT_ALLOWED);
    }
  }

  private void newCall(ServerTransaction transaction) {
    if (draining) {
      refuse(transaction, DRAINING_RETRY_AFTER_SECONDS);
      return;
    }
    InviteIntake.Result checked = context.intake().check(transaction.request());
    if (checked instanceof InviteIntake.Refused refused) {
      Response refusal = SipResponses.create(transaction.request(), refused.status());
      for (String tag : refused.unsupported()) {
        refusal.addHeader(unsupported(tag));
      }
      transaction.respond(refusal);
      return;
    }
    new MaskedCall(context, transaction, (InviteIntake.Accepted) checked).start();
  }

  private static void refuse(ServerTransaction transaction, int retryAfterSeconds) {
    Response busy = SipResponses.create(transaction.request(), Response.SERVICE_UNAVAILABLE);
    transaction.respond(serviceUnavailable(busy, retryAfterSeconds));
  }

  /** {@code busy}, a 503, with Retry-After (RFC 3261 §21.5.4): no new call here for now. */
  private static Response serviceUnavailable(Response busy, int retryAfterSeconds) {
    try {
      busy.setHeader(SipHeaders.factory().createRetryAfterHeader(retryAfterSeconds));
    } catch (InvalidArgumentException e) {
      throw new IllegalStateException("a positive Retry-After is valid", e);
    }
    return busy;
  }

  @Override
  public void onCancel(ServerTransaction invite, Request cancel) {
    BridgedCall call = context.invites.get(invite);
    if (call != null) {
      call.onCancel(invite);
    } else {
      invite.respond(SipResponses.create(invite.request(), Response.REQUEST_TERMINATED));
    }
  }

  @Override
  public void onAck(Request ack, Peer from) {
    context.dialogs.find(DialogId.ofInbound(ack)).ifPresent(leg -> leg.call.onAck(leg, ack));
  }

  @Override
  public void onStrayResponse(Response response, Peer from) {
    boolean inviteSuccess = response.getStatusCode() / 100 == 2 && Request.INVITE.equals(
        CoreHeaders.cseq(response).getMethod());
    if (inviteSuccess) {
      context.dialogs.find(DialogId.ofResponse(response)).ifPresentOrElse(
          leg -> leg.call.onStraySuccess(leg, response), () -> hangUpOrphan(response, from));
    }
  }

  /**
   * A 2xx to an INVITE of a call that has ended and let go of it (a late answer to an attempt
   * given up, or a retransmission whose ACK was lost): every 2xx must be acknowledged, and a
   * dialog nobody wants hung up (RFC 3261 §13.2.2.4), or the callee's phone stays answered until
   * its own timer gives up. Only answers from an address a trunk allows, and sent back there, so
   * that a forged 2xx cannot make this node send requests elsewhere.
   */
  private void hangUpOrphan(Response success, Peer from) {
    if (DialogId.toTag(success).isEmpty()
        || !context.services.trunks().allows(from.remote().getAddress())) {
      return;
    }
    Dialog dialog = Dialog.ofOrphanedAnswer(success, from);
    long inviteSeq = CoreHeaders.cseq(success).getSeqNumber();
    TransactionLayer layer = context.services.layer();
    layer.sendAck(dialog.createAck(inviteSeq), from);
    layer.send(layer.prepare(dialog.createRequest(Request.BYE), from), BridgedCall.IGNORED);
    log.debug("acknowledged and hung up an answer from {} that no call wants any more", from);
  }

  @Override
  public void onAckTimeout(ServerTransaction invite) {
    BridgedCall call = context.invites.get(invite);
    if (call != null) {
      call.onAckTimeout(invite);
    }
  }

  /**
   * Starts a click-to-call as planned (RFC 3725 Flow I, see {@link ClickToCall}); returns its
   * record as it stands once the first party is being called, or why it did not start. Never
   * blocks.
   */
  ClickToCallOutcome clickToCall(ClickToCallPlan plan) {
    if (draining) {
      return new ClickToCallOutcome.Draining();
    }
    if (context.services.overload().refusesNewCall()) {
      return new ClickToCallOutcome.Overloaded(Overload.RETRY_AFTER_SECONDS);
    }
    return new ClickToCallOutcome.Started(new ClickToCall(context, plan).start());
  }

  /** Which trunks are down, as call control sees them. */
  TrunkStatus trunkStatus() {
    return context.services.trunkStatus();
  }

  /** Counters of calls, for metrics. */
  public CallCounters counters() {
    return context.counters;
  }

  /** New calls refused because callmask was behind its input. */
  public long refusedForOverload() {
    return context.services.overload().refused();
  }

  /** Calls in progress. */
  public int liveCalls() {
    return context.live.size();
  }

  /** Dialogs the controller knows, for leak checks. */
  public int dialogs() {
    return context.dialogs.size();
  }

  /**
   * Graceful shutdown: from now on new INVITEs get 503 with Retry-After while calls in progress
   * go on; waits up to {@code timeout} for them to end, then hangs up what remains (BYE, or
   * CANCEL and 503) and waits briefly for those to be answered. Blocks the calling thread.
   *
   * @return true when no call was left to hang up
   */
  public boolean drain(Duration timeout) {
    return drain(timeout, HANG_UP_GRACE);
  }

  /** As {@link #drain(Duration)}, waiting at most {@code grace} for the hang-ups' answers. */
  boolean drain(Duration timeout, Duration grace) {
    stopTakingCalls();
    try {
      if (context.live.awaitNone(timeout)) {
        return true;
      }
      List<BridgedCall> remaining = context.live.snapshot();
      log.info("hanging up {} call(s) still in progress after {}", remaining.size(), timeout);
      remaining.forEach(BridgedCall::hangUp);
      context.live.awaitNone(grace);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The first step of {@link #drain}: from now on new INVITEs get 503; nothing else changes. */
  public void stopTakingCalls() {
    draining = true;
  }

  /** Whether new calls are being refused for shutdown. */
  public boolean isDraining() {
    return draining;
  }

  private static Response optionsAnswer(Request request) {
    Response ok = SipResponses.create(request, Response.OK);
    LegMessages.addAllow(ok);
    try {
      ok.setHeader(SipHeaders.factory().createAcceptHeader("application", "sdp"));
    } catch (ParseException e) {
      throw new IllegalStateException("constant headers must parse", e);
    }
    return ok;
  }

  private static void respond(ServerTransaction transaction, int status) {
    transaction.respond(SipResponses.create(transaction.request(), status));
  }

  private static UnsupportedHeader unsupported(String tag) {
    try {
      return SipHeaders.factory().createUnsupportedHeader(tag);
    } catch (ParseException e) {
      throw new IllegalStateException("an option tag read from a request is a token", e);
    }
  }
}
