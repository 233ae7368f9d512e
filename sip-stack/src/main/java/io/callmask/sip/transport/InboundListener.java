package io.callmask.sip.transport;

import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.MalformedMessage;

/**
 * How the transport hands messages up. Called on a Netty event loop: implementations must not
 * block.
 */
public interface InboundListener {

  /** A valid message; for a request, its top Via already carries received/rport (§18.2.1). */
  void onMessage(InboundMessage message);

  /**
   * Malformed input, after the transport has sent its rejection (if any). For counting and
   * logging only.
   */
  default void onMalformed(MalformedMessage malformed) {}
}
