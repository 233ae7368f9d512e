package io.callmask.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.sip.message.Message;

/**
 * A SIP message in its wire form (RFC 3261 §7), encoded once: whoever checks it, sends it and
 * retransmits it uses these same bytes. It may carry the message it was encoded from, for the one
 * layer that still reads it (a transaction reads the status of a response it is given); a copy
 * {@link #withoutSource() without} it is what a transaction keeps for retransmissions, so that the
 * parsed message can be collected.
 *
 * <p>Immutable and thread-safe, provided nobody changes the source message after encoding (the
 * bytes would then no longer match it; they are what is sent).
 */
public final class EncodedMessage {

  private final byte[] bytes;
  private final Message source;

  private EncodedMessage(byte[] bytes, Message source) {
    this.bytes = bytes;
    this.source = source;
  }

  /**
   * Encodes {@code message}, first making its Content-Length state the body's length (§18.3,
   * §20.14). Messages must come from JAIN SIP's reference implementation, as every message in
   * callmask does.
   */
  public static EncodedMessage of(Message message) {
    Objects.requireNonNull(message, "message");
    return new EncodedMessage(SipMessageEncoder.wireBytes(message), message);
  }

  /** The message these bytes were encoded from, unless this copy was made without it. */
  public Optional<Message> source() {
    return Optional.ofNullable(source);
  }

  /** The same bytes without the source message: what is kept to send them again. */
  public EncodedMessage withoutSource() {
    return source == null ? this : new EncodedMessage(bytes, null);
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** A new buffer from {@code allocator} holding the bytes; the caller owns (and releases) it. */
  public ByteBuf toBuffer(ByteBufAllocator allocator) {
    ByteBuf buffer = allocator.ioBuffer(bytes.length);
    return buffer.writeBytes(bytes);
  }

  /**
   * The bytes as text, one character per byte (ISO-8859-1), so that every index is a byte
   * offset. ASCII, which is all of SIP's syntax, reads as itself; the octets of a UTF-8 sequence
   * read as characters above 127, which are neither digits nor token characters.
   */
  public String text() {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /**
   * The source message, or the bytes parsed again when there is none: for transports that deal
   * in messages rather than bytes (test doubles). Slow; the real transport never calls it.
   *
   * @throws IllegalStateException if the bytes do not parse, which would be a bug of the encoder
   */
  public Message message() {
    if (source != null) {
      return source;
    }
    int headerEnd = Framing.headerEnd(bytes);
    if (headerEnd < 0) {
      throw new IllegalStateException("encoded message without an end of headers");
    }
    HeaderBlock block = HeaderBlock.scan(bytes, 0, headerEnd, CodecLimits.DEFAULTS);
    byte[] body = Arrays.copyOfRange(bytes, headerEnd, bytes.length);
    return SipParser.parse(block, body).message()
        .orElseThrow(() -> new IllegalStateException("encoded message does not parse"));
  }

  @Override
  public String toString() {
    return "EncodedMessage[" + bytes.length + " bytes]";
  }
}
