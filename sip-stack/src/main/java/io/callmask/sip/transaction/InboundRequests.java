package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transport.ResponseTargets;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes an inbound request (RFC 3261 §17.2.3): a retransmission to its server transaction, an
 * ACK to its INVITE transaction or the TU, a CANCEL to the INVITE it cancels (§9.2), a merged
 * request to a 482 (§8.2.2.2), a new INVITE the TU refuses statelessly to that refusal (§8.2.7),
 * and anything new into a new server transaction and the TU.
 *
 * <p>Thread-safe: runs on any transport thread, holds no lock while calling the TU.
 */
final class InboundRequests {

  private static final Logger LOG = LoggerFactory.getLogger(InboundRequests.class);

  private final LayerContext context;

  InboundRequests(LayerContext context) {
    this.context = context;
  }

  void dispatch(Request request, Peer peer) {
    TransactionKey key = TransactionKey.forServer(request);
    switch (request.getMethod()) {
      case Request.ACK -> ack(request, peer, key);
      case Request.CANCEL -> cancel(request, peer, key);
      default -> request(request, peer, key);
    }
  }

  /**
   * An ACK with the INVITE's branch is the transaction's own (non-2xx, absorbed) or, in Accepted,
   * the TU's; any other ACK acknowledges a 2xx (§13.2.2.4) and stops its retransmission.
   */
  private void ack(Request ack, Peer peer, TransactionKey key) {
    if (context.table().server(key) instanceof ServerInviteTransaction invite) {
      invite.onAck(ack, peer);
      return;
    }
    ServerInviteTransaction acked = context.table().takeAwaitingAck(DialogAckKey.of(ack));
    if (acked != null) {
      acked.dialogAcked();
    }
    context.user().onAck(ack, peer);
  }

  /**
   * §9.2: a CANCEL gets its own non-INVITE server transaction, answered here: 200 if it matches an
   * INVITE server transaction (whose TU hears of it while no final was sent), 481 if not. A CANCEL
   * of a non-INVITE request (which §9.1 says not to send) also gets 481: such a request is answered
   * at once anyway, so there is nothing to cancel.
   */
  private void cancel(Request cancel, Peer peer, TransactionKey key) {
    ServerNonInviteTransaction created = new ServerNonInviteTransaction(context, key, cancel, peer, null);
    ServerSideTransaction holder = context.table().addServer(created);
    if (holder != created) {
      holder.onRetransmission();
      return;
    }
    if (!(context.table().server(key.withMethod(Request.INVITE))
        instanceof ServerInviteTransaction invite)) {
      created.respond(SipResponses.create(cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
      return;
    }
    String inviteTag = invite.lastToTag();
    created.respond(SipResponses.create(
        cancel, Response.OK, inviteTag != null ? inviteTag : SipResponses.newTag()));
    if (!invite.isCompleted()) {
      context.user().onCancel(invite, cancel);
    }
  }

  private void request(Request request, Peer peer, TransactionKey key) {
    ServerSideTransaction existing = context.table().server(key);
    if (existing != null) {
      existing.onRetransmission();
      return;
    }
    if (refusedStatelessly(request, peer)) {
      return;
    }
    ServerSideTransaction created = create(request, peer, key);
    ServerSideTransaction holder = context.table().addServer(created);
    if (holder != created) {
      holder.onRetransmission();
      return;
    }
    if (created.mergeKey != null && context.table().claimOutsideDialog(created) != created) {
      // §8.2.2.2: the same request by another path; answered here, never seen by the TU
      created.respond(SipResponses.create(
          request, Response.LOOP_DETECTED, SipResponses.newTag(), "Loop Detected"));
      return;
    }
    if (created instanceof ServerInviteTransaction invite) {
      invite.sendTrying();
    }
    context.user().onRequest(created);
  }

  /** Whether the TU refused a new INVITE without a transaction; its refusal is then on its way. */
  private boolean refusedStatelessly(Request request, Peer peer) {
    if (!Request.INVITE.equals(request.getMethod()) || CoreHeaders.to(request).getTag() != null) {
      return false;
    }
    Response refusal = context.user().refuseStatelessly(request, peer);
    if (refusal == null) {
      return false;
    }
    Peer target = ResponseTargets.forVia(TransactionKey.topVia(request), peer);
    try {
      context.transport().send(EncodedMessage.of(refusal), target).whenComplete((sent, failed) -> {
        if (failed != null) {
          notSent(refusal, target, failed);
        }
      });
    } catch (RuntimeException e) {
      notSent(refusal, target, e);
    }
    return true;
  }

  /** Nothing to retry: the caller's retransmitted INVITE asks again. */
  private static void notSent(Response refusal, Peer target, Throwable cause) {
    LOG.debug("stateless {} to {} not sent: {}", refusal.getStatusCode(), target, cause.toString());
  }

  private ServerSideTransaction create(Request request, Peer peer, TransactionKey key) {
    ToHeader to = CoreHeaders.to(request);
    MergedRequestKey mergeKey = to.getTag() == null ? MergedRequestKey.of(request) : null;
    return Request.INVITE.equals(request.getMethod())
        ? new ServerInviteTransaction(context, key, request, peer, mergeKey)
        : new ServerNonInviteTransaction(context, key, request, peer, mergeKey);
  }
}
