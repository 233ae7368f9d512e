package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Peer;
import javax.sip.message.Request;

/**
 * A request ready to leave: stamped with this node's Via (new branch, {@code rport}) by {@link
 * TransactionLayer#prepare} and encoded once, so that a TU can check the very bytes that will be
 * sent before it {@link TransactionLayer#send sends} them. Neither the request nor its bytes may
 * change any more. Immutable and thread-safe.
 */
public final class OutgoingRequest {

  private final EncodedMessage encoded;
  private final Request request;
  private final Peer destination;
  private final TransactionLayer layer;

  OutgoingRequest(EncodedMessage encoded, Request request, Peer destination,
      TransactionLayer layer) {
    this.encoded = encoded;
    this.request = request;
    this.destination = destination;
    this.layer = layer;
  }

  /** The bytes that will be sent, with the request as their source. */
  public EncodedMessage encoded() {
    return encoded;
  }

  /** The request as stamped. */
  public Request request() {
    return request;
  }

  public Peer destination() {
    return destination;
  }

  /** The layer that stamped it, which alone may send it (its Via names that layer's node). */
  TransactionLayer layer() {
    return layer;
  }
}
