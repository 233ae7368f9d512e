package io.callmask.sip.message;

/**
 * What the codec hands up for each message it frames: a parsed and validated message, or a
 * malformed one as a value (never an exception), like Netty's {@code DecoderResult}.
 */
public sealed interface Inbound permits InboundMessage, MalformedMessage {

  /** Where the bytes came from. */
  Peer peer();
}
