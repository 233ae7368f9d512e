package io.callmask.sip.transaction;

import io.callmask.sip.message.Peer;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The layer above transactions (a UA core or the B2BUA), in the manner of reSIProcate's TU
 * contract: every request it receives through {@link #onRequest} must eventually get a final
 * response through {@link ServerTransaction#respond}. Callbacks may run on any stack thread and
 * must not block.
 */
public interface TransactionUser {

  /** A new request (any method but ACK and a CANCEL that matched), in its server transaction. */
  void onRequest(ServerTransaction transaction);

  /**
   * A new INVITE outside a dialog, before the layer gives it a server transaction: a response
   * returned here is sent at once, statelessly (RFC 3261 §8.2.7), and the INVITE goes no
   * further. No 100 Trying, no transaction, no retransmission of the response (the caller's
   * retransmitted INVITE asks again), and its ACK reaches {@link #onAck} as one that matched
   * nothing. §8.2.7 allows this where keeping state is what the node cannot afford, such as
   * refusing new calls under overload; build the response with {@link
   * io.callmask.sip.message.SipResponses#createStateless}, whose To tag is the same for every
   * copy of the INVITE. Null (the default) admits the INVITE. Runs on the thread that read the
   * INVITE, so it must be cheap.
   */
  default Response refuseStatelessly(Request invite, Peer from) {
    return null;
  }

  /**
   * A CANCEL matched the INVITE server transaction {@code invite} that has not sent a final
   * response. The layer has already answered the CANCEL with 200; the TU decides the INVITE's fate
   * (normally 487, RFC 3261 §9.2).
   */
  void onCancel(ServerTransaction invite, Request cancel);

  /** An ACK for a 2xx, or any ACK that matched no transaction: dialog-level (§13.2.2.4). */
  void onAck(Request ack, Peer from);

  /**
   * A response that matched no client transaction, e.g. a 2xx retransmission after the INVITE
   * client transaction ended (§17.1.1.2); the TU re-ACKs it.
   */
  void onStrayResponse(Response response, Peer from);

  /**
   * {@code invite} sent a 2xx and no ACK for it arrived within 64·T1 (Timer L). Per RFC 3261
   * §13.3.1.4 the dialog is confirmed but the session should be ended with a BYE. Layers with no
   * sessions may ignore it.
   */
  default void onAckTimeout(ServerTransaction invite) {}
}
