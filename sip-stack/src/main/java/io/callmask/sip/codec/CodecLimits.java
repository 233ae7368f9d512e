package io.callmask.sip.codec;

/**
 * Bounds on what the decoders accept, so that no peer can make the stack buffer without limit.
 *
 * @param maxMessageBytes the largest message (start line, headers and body) accepted; a stream
 *     that exceeds it is closed since its framing is lost. Datagrams are also bounded by the packet.
 * @param maxHeaders the most header fields (after unfolding, before splitting comma lists) accepted
 *     in one message
 */
public record CodecLimits(int maxMessageBytes, int maxHeaders) {

  /** 64 KiB per message (the largest UDP payload, and ample for SIP over TCP); 256 headers. */
  public static final CodecLimits DEFAULTS = new CodecLimits(64 * 1024, 256);

  public CodecLimits {
    if (maxMessageBytes < 512) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 512, got " + maxMessageBytes);
    }
    if (maxHeaders < 8) {
      throw new IllegalArgumentException("maxHeaders must be at least 8, got " + maxHeaders);
    }
  }
}
