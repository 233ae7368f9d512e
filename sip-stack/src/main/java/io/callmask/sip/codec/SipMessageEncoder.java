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
import javax.sip.message.Message;

/**
 * Encodes SIP messages to bytes (RFC 3261 §7): start line, headers, the empty line and the body,
 * with a Content-Length that always matches the body (§18.3, §20.14). Used as a stream encoder
 * through {@link #INSTANCE}, and by the transport for datagrams through {@link #encode}.
 *
 * <p>Writes JAIN SIP's header encoding straight into the buffer rather than calling {@code
 * SIPMessage.encodeAsBytes(String)}, which would rewrite the top Via's transport as a side effect
 * and copy the message twice. Stateless, so thread-safe and {@link Sharable}.
 */
@Sharable
public final class SipMessageEncoder extends MessageToByteEncoder<Message> {

  private static final int TYPICAL_HEADER_BYTES = 1024;
  private static final byte[] NO_BODY = new byte[0];

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
    byte[] body = bodyWithMatchingLength(message);
    byte[] head = headBytes(message);
    ByteBuf buf = allocator.buffer(head.length + body.length);
    try {
      buf.writeBytes(head);
      buf.writeBytes(body);
      return buf;
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
    byte[] body = bodyWithMatchingLength(message);
    out.writeBytes(headBytes(message));
    out.writeBytes(body);
  }

  /**
   * The start line and headers in UTF-8. Through a String rather than {@code
   * ByteBufUtil.writeUtf8}: a String of ASCII text is a byte array already, which {@code
   * getBytes} checks and copies with vector instructions instead of a character at a time.
   */
  static byte[] headBytes(Message message) {
    return asSipMessage(message).encodeMessage(new StringBuilder(TYPICAL_HEADER_BYTES)).toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The body, after making the Content-Length header state its length: a layer that changed the
   * body through the generic API may have left a stale value.
   */
  static byte[] bodyWithMatchingLength(Message message) {
    SIPMessage sip = asSipMessage(message);
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
