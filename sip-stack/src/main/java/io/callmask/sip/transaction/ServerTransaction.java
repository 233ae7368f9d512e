package io.callmask.sip.transaction;

import io.callmask.sip.message.Peer;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** A server transaction as the TU sees it. Thread-safe. */
public interface ServerTransaction {

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

  /** True once a final response was sent. */
  boolean isCompleted();
}
