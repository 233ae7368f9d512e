package io.callmask.sip.codec;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.message.SIPMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import javax.sip.header.ContentLengthHeader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.sip.message.Message;

/**
 * Encodes SIP messages to bytes (RFC 3261 §7): start line, headers, the empty line and the body,
 * with a Content-Length that always matches the body (§18.3, §20.14). Used as a stream encoder
 * through {@link #INSTANCE}, and by the transport for datagrams through {@link #encode}.
 *
 * <p>Copies JAIN SIP's header encoding straight into the message's bytes rather than calling
 * {@code SIPMessage.encodeAsBytes(String)}, which would rewrite the top Via's transport as a side
 * effect and copy the message twice. Thread-safe and {@link Sharable}: the only state is a
 * per-thread scratch builder.
 */
@Sharable
public final class SipMessageEncoder extends MessageToByteEncoder<Message> {

  private static final int TYPICAL_HEADER_BYTES = 1024;
  private static final byte[] NO_BODY = new byte[0];
  private static final char ASCII_END = 0x80;
  /** A scratch builder grown past this by a huge message is dropped rather than kept. */
  private static final int SCRATCH_KEPT_CHARS = 16 * 1024;

  /**
   * Per thread, the builder JAIN SIP writes a head into: a message is encoded on one thread from
   * start to end, and reusing the builder saves growing a new one and copying it into a String.
   */
  private static final ThreadLocal<StringBuilder> SCRATCH =
      ThreadLocal.withInitial(() -> new StringBuilder(TYPICAL_HEADER_BYTES));

  /** The one instance; share it across channels. */
  public static final SipMessageEncoder INSTANCE = new SipMessageEncoder();

  private SipMessageEncoder() {
    super(Message.class);
  }

  /**
   * Encodes {@code message} into a new buffer from {@code allocator}; the caller owns (and must
   * release) the buffer. Messages must come from JAIN SIP's reference implementation, as every
   * message in callmask does.
   */
  public static ByteBuf encode(ByteBufAllocator allocator, Message message) {
    byte[] bytes = wireBytes(message);
    ByteBuf buf = allocator.buffer(bytes.length);
    try {
      return buf.writeBytes(bytes);
    } catch (RuntimeException e) {
      buf.release();
      throw e;
    }
  }

  /** Sized for typical headers plus the body, so that encoding rarely grows the buffer. */
  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Message message,
      boolean preferDirect) {
    byte[] body = message.getRawContent();
    int capacity = TYPICAL_HEADER_BYTES + (body == null ? 0 : body.length);
    return preferDirect ? ctx.alloc().ioBuffer(capacity) : ctx.alloc().heapBuffer(capacity);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Message message, ByteBuf out) {
    out.writeBytes(wireBytes(message));
  }

  /**
   * The whole message (start line, headers, the empty line, the body) in one array of its exact
   * length: the only array encoding allocates, as a transaction keeps it for retransmissions.
   * JAIN SIP writes the head into this thread's scratch builder; ASCII (all of SIP's syntax) is
   * copied from it a character per byte, and a head with other text (a display name) takes the
   * slower way through a UTF-8 String.
   */
  static byte[] wireBytes(Message message) {
    SIPMessage sip = asSipMessage(message);
    byte[] body = bodyWithMatchingLength(sip);
    StringBuilder head = SCRATCH.get();
    head.setLength(0);
    sip.encodeMessage(head);
    int length = head.length();
    byte[] bytes = new byte[length + body.length];
    if (copiedAsAscii(head, bytes)) {
      System.arraycopy(body, 0, bytes, length, body.length);
    } else {
      bytes = utf8(head, body);
    }
    if (head.capacity() > SCRATCH_KEPT_CHARS) {
      SCRATCH.remove();
    }
    return bytes;
  }

  /** Copies {@code text} into the start of {@code bytes}; false at its first non-ASCII char. */
  private static boolean copiedAsAscii(StringBuilder text, byte[] bytes) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= ASCII_END) {
        return false;
      }
      bytes[i] = (byte) c;
    }
    return true;
  }

  private static byte[] utf8(StringBuilder head, byte[] body) {
    byte[] encodedHead = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(encodedHead, encodedHead.length + body.length);
    System.arraycopy(body, 0, bytes, encodedHead.length, body.length);
    return bytes;
  }

  /**
   * The body, after making the Content-Length header state its length: a layer that changed the
   * body through the generic API may have left a stale value.
   */
  private static byte[] bodyWithMatchingLength(SIPMessage sip) {
    byte[] body = sip.getRawContent();
    int length = body == null ? 0 : body.length;
    ContentLengthHeader header = sip.getContentLength();
    if (header == null || header.getContentLength() != length) {
      sip.setContentLength(new ContentLength(length));
    }
    return body == null ? NO_BODY : body;
  }

  private static SIPMessage asSipMessage(Message message) {
    if (message instanceof SIPMessage sip) {
      return sip;
    }
    throw new IllegalArgumentException("not a JAIN SIP RI message: " + message.getClass());
  }
}
