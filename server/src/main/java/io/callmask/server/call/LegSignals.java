package io.callmask.server.call;

import io.callmask.server.dialog.DialogId;
import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.OutgoingRequest;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.ServerTransaction;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.header.ReasonHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a masked call sends on its legs that is not relayed: answers of its own, ACKs (RFC 3261
 * §13.2.2.4, re-sent for 2xx retransmissions) and BYEs, each passing the leg's {@link
 * PrivacyGuard} last. The guard reads a message's bytes as they will leave (requests already
 * carry the Via the transaction layer stamps), and those same bytes are handed on: nothing is
 * encoded twice, and nothing changes between the check and the wire. Confined to its call's
 * serial context.
 */
final class LegSignals {

  private static final Logger log = LoggerFactory.getLogger(LegSignals.class);

  private final BridgedCall call;
  private int pendingByes;

  LegSignals(BridgedCall call) {
    this.call = call;
  }

  /** BYEs sent and not yet answered (or timed out). */
  boolean byesPending() {
    return pendingByes > 0;
  }

  /**
   * The guard's verdict on {@code message}, encoded as it will be sent toward {@code toward}'s
   * party; logs what it stops.
   */
  boolean guarded(CallLeg toward, EncodedMessage message) {
    if (toward.guard == null) {
      return true;
    }
    Optional<PrivacyGuard.Leak> leak = toward.guard.check(message.text());
    leak.ifPresent(found -> log.error("call {}: held back a message toward the {}: it carries {} "
        + "in {}", call.id, toward.role, found.what(), found.where()));
    return leak.isEmpty();
  }

  /** Answers a request received on {@code toward}'s leg with a bare {@code status}. */
  void respond(ServerTransaction transaction, int status, CallLeg toward) {
    Response response = SipResponses.create(transaction.request(), status,
        toward.dialog == null ? SipResponses.newTag() : toward.dialog.localTag());
    respond(transaction, response, toward);
  }

  /**
   * Sends {@code response} in {@code transaction} toward {@code toward}'s party if its guard lets
   * it pass; returns whether it did.
   */
  boolean respond(ServerTransaction transaction, Response response, CallLeg toward) {
    EncodedMessage encoded = EncodedMessage.of(response);
    if (!guarded(toward, encoded)) {
      return false;
    }
    transaction.respond(encoded);
    return true;
  }

  /**
   * Stamps {@code request} for {@code leg}'s next hop and checks it: the prepared request if the
   * guard lets it pass, or empty.
   */
  Optional<OutgoingRequest> prepare(CallLeg leg, Request request, Peer hop) {
    OutgoingRequest prepared = call.context.services.layer().prepare(request, hop);
    return guarded(leg, prepared.encoded()) ? Optional.of(prepared) : Optional.empty();
  }

  /** ACKs the 2xx to the INVITE with CSeq {@code seq} on {@code leg}, with {@code source}'s body. */
  void ack(CallLeg leg, long seq, Message source) {
    if (leg.sentAckSeq == seq) {
      return;
    }
    Request ack = leg.dialog.createAck(seq);
    if (source != null) {
      call.context.services.rewriter().carryBody(source, ack);
    }
    send(leg, seq, ack);
  }

  /**
   * ACKs {@code success}, the 2xx to {@code invite} (CSeq {@code seq}) on {@code leg}, when no
   * answer from the other leg will come: if the INVITE had no offer, the 2xx carried one, and the
   * ACK refuses its media ({@link RefusedMedia}), as RFC 3261 §13.2.2.4 wants of a UAC that is
   * about to hang up; otherwise a plain ACK.
   */
  void ackRefusing(CallLeg leg, long seq, Request invite, Response success) {
    if (leg.sentAckSeq == seq) {
      return;
    }
    Request ack = leg.dialog.createAck(seq);
    refuseOffer(ack, invite, success, call.context.advertised(leg.transport).host());
    send(leg, seq, ack);
  }

  /**
   * Puts into {@code ack} the answer refusing the offer that {@code success} made, if {@code
   * invite} had none and {@code success} has one.
   */
  static void refuseOffer(Request ack, Request invite, Response success, String host) {
    byte[] sent = invite.getRawContent();
    byte[] offer = success.getRawContent();
    if ((sent != null && sent.length > 0) || offer == null || offer.length == 0) {
      return;
    }
    try {
      ack.setContent(RefusedMedia.answer(offer, host),
          SipHeaders.factory().createContentTypeHeader("application", "sdp"));
    } catch (ParseException e) {
      throw new IllegalStateException("a constant content type parses", e);
    }
  }

  private void send(CallLeg leg, long seq, Request ack) {
    Optional<OutgoingRequest> prepared = prepare(leg, ack, leg.dialog.nextHop());
    if (prepared.isEmpty()) {
      call.blocked(leg);
      return;
    }
    call.context.services.layer().sendAck(prepared.get());
    leg.sentAck = prepared.get().encoded().withoutSource();
    leg.sentAckSeq = seq;
  }

  /**
   * A 2xx to an INVITE that carried an SDP offer holds the answer, so its ACK carries nothing
   * from the other leg and goes at once: the callee is spared retransmissions while the caller's
   * ACK is on its way. After an INVITE without an offer, the ACK must carry the answer that the
   * other leg's ACK brings, so it waits for that.
   */
  void acknowledgeAnswer(CallLeg leg, long seq, Request sentInvite) {
    byte[] offer = sentInvite.getRawContent();
    if (offer != null && offer.length > 0) {
      ack(leg, seq, null);
    }
  }

  /** The callee answered and was never acknowledged (the caller left first): do it now. */
  void ackCalleeIfOwed() {
    CallLeg callee = call.callee;
    if (callee.isConfirmed() && callee.sentAckSeq != callee.inviteSeq) {
      CallLeg caller = call.caller;
      if (caller.awaitedAck != null && caller.awaitedAck.other() == callee) {
        caller.awaitedAck = null;
      }
      ack(callee, callee.inviteSeq, null);
    }
  }

  /** The same ACK again, for a retransmission of the 2xx it acknowledged. */
  void resendAck(CallLeg leg, Response success) {
    if (leg.sentAck != null && leg.sentAckSeq == BridgedCall.seq(success)
        && leg.dialog != null && leg.dialog.id().equals(DialogId.ofResponse(success))) {
      call.context.services.layer().sendStateless(leg.sentAck, leg.dialog.nextHop());
    }
  }

  /** Hangs up a confirmed leg, once; the call may end when every BYE is answered. */
  void bye(CallLeg leg) {
    bye(leg, null);
  }

  /** As {@link #bye(CallLeg)}, telling the party why (RFC 3326) when {@code reason} is given. */
  void bye(CallLeg leg, ReasonHeader reason) {
    if (!leg.isConfirmed() || leg.byeSent) {
      return;
    }
    leg.byeSent = true;
    Request bye = leg.dialog.createRequest(Request.BYE);
    if (reason != null) {
      bye.setHeader(reason);
    }
    Optional<OutgoingRequest> prepared = prepare(leg, bye, leg.dialog.nextHop());
    if (prepared.isEmpty()) {
      return;
    }
    pendingByes++;
    call.context.services.layer().send(prepared.get(), new ByeListener());
  }

  /** Any outcome of a BYE ends it for the call. */
  private final class ByeListener implements ResponseListener {
    @Override
    public void onResponse(Response response) {
      if (response.getStatusCode() >= 200) {
        call.events.run(this::done);
      }
    }

    @Override
    public void onTimeout() {
      call.events.run(this::done);
    }

    @Override
    public void onTransportError(Throwable cause) {
      call.events.run(this::done);
    }

    private void done() {
      pendingByes--;
      call.finishIfIdle();
    }
  }
}
