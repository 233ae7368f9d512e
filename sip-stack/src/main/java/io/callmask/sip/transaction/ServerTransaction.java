package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Peer;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** A server transaction as the TU sees it. Thread-safe. */
public interface ServerTransaction {

  /**
   * The request, while it is being answered.
   *
   * @throws IllegalStateException once a final response was sent: from then on the transaction
   *     only absorbs retransmissions and keeps the bytes of its response, not the parsed request
   */
  Request request();

  /** Where the request came from. */
  Peer peer();

  /**
   * Sends a response in this transaction: provisional ones any number of times, then one final.
   * For an INVITE, a 2xx moves the transaction to Accepted (RFC 6026) and, on UDP, the layer
   * retransmits that 2xx (T1 doubling to T2) until the dialog's ACK arrives or 64·T1 passes.
   * Responses after the final one are ignored, except 2xx retransmissions while Accepted.
   */
  void respond(Response response);

  /**
   * As {@link #respond(Response)}, with the response already encoded (and checked in that form by
   * the TU): these bytes are what is sent and retransmitted. {@code response} must carry the
   * {@link EncodedMessage#source() message} it encodes, which must not change any more.
   *
   * @throws IllegalArgumentException if {@code response} comes without its response message
   */
  void respond(EncodedMessage response);

  /** True once a final response was sent. */
  boolean isCompleted();
}
