package io.callmask.sip.transport;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import java.util.concurrent.CompletionStage;
import javax.sip.message.Message;

/**
 * Sends SIP messages. Thread-safe; never blocks the caller on I/O.
 *
 * <p>For TCP, a message to a peer with an open connection (inbound or outbound) reuses it;
 * otherwise a connection is opened. Responses are sent where the caller says; {@link
 * ResponseTargets} computes that per RFC 3261 §18.2.2 and RFC 3581.
 */
public interface SipTransport {

  /**
   * Encodes and sends {@code message} to {@code destination}. The stage completes when the bytes
   * are written, or exceptionally on a transport error (unreachable, refused, connection lost).
   */
  CompletionStage<Void> send(Message message, Peer destination);

  /**
   * Sends {@code message}, already encoded, to {@code destination}: the same bytes, not encoded
   * again, as a transaction does for retransmissions and a TU whose last check read those bytes.
   * Completes as {@link #send(Message, Peer)} does. This default hands the message to that method
   * (parsing the bytes again when they come without it), for transports that deal in messages;
   * a real transport writes the bytes.
   */
  default CompletionStage<Void> send(EncodedMessage message, Peer destination) {
    return send(message.message(), destination);
  }

  /** The host and port this node writes in Via sent-by and Contact for {@code transport}. */
  HostPort advertised(Transport transport);

  /** Whether this node listens on {@code transport}. */
  boolean supports(Transport transport);
}
