package io.callmask.sip.codec;

import io.callmask.sip.message.Inbound;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Frames SIP messages on a stream (TCP) by Content-Length, which streams require (RFC 3261 §18.3,
 * §20.14), and decodes each into an {@link io.callmask.sip.message.Inbound}. Between messages, a
 * double-CRLF ping is answered with a single-CRLF pong and lone CRLFs are skipped (RFC 5626
 * §4.4.1, RFC 3261 §7.5).
 *
 * <p>Input is buffered only up to {@link CodecLimits#maxMessageBytes()}. When framing is lost (no
 * or a bad Content-Length, an oversize message) the decoder emits a {@code MalformedMessage} (with
 * a 400 when the request can be read), discards the rest of the input and closes the connection
 * once the rejection has been handed up.
 *
 * <p>One instance per channel; not thread-safe (Netty calls it on the channel's event loop).
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {

  private static final byte[] PONG = "\r\n".getBytes(StandardCharsets.US_ASCII);

  private final CodecLimits limits;
  private Peer peer;
  private int searched;
  private HeaderBlock block;
  private byte[] head;
  private boolean broken;

  public SipStreamDecoder(CodecLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (broken) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (block == null && (skipKeepAlive(ctx, in) || !readHeaders(ctx, in, out))) {
      return;
    }
    int total = head.length + block.contentLength();
    if (in.readableBytes() < total) {
      return;
    }
    in.skipBytes(head.length);
    byte[] body = new byte[block.contentLength()];
    in.readBytes(body);
    Inbound decoded = Inbounds.decode(block, head, head.length, body, peer(ctx));
    block = null;
    head = null;
    searched = 0;
    out.add(decoded);
  }

  /**
   * Consumes CRLF keep-alives at a message boundary; true if it consumed or must wait for more
   * bytes to tell a ping from a lone CRLF.
   */
  private boolean skipKeepAlive(ChannelHandlerContext ctx, ByteBuf in) {
    int from = in.readerIndex();
    int ends = Framing.leadingLineEnds(in, from, in.writerIndex());
    if (ends == 0) {
      return false;
    }
    if (ends >= 4 && isPing(in, from)) {
      in.skipBytes(4);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
      return true;
    }
    if (ends == in.readableBytes() && ends < 4) {
      // "\r\n" may be the first half of a ping still on its way.
      return true;
    }
    in.skipBytes(ends >= 4 ? 2 : ends);
    return true;
  }

  private static boolean isPing(ByteBuf in, int from) {
    return in.getInt(from) == 0x0D0A0D0A;
  }

  /** Reads the header block once complete; false if not yet there or framing failed. */
  private boolean readHeaders(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int end = Framing.headerEnd(in, start, start + searched, in.writerIndex());
    if (end < 0) {
      // An empty line may straddle what we have and what comes next: re-scan the tail.
      searched = Math.max(0, in.readableBytes() - 3);
      if (in.readableBytes() > limits.maxMessageBytes()) {
        fail(ctx, in, out, "message too large", Optional.empty());
      }
      return false;
    }
    byte[] headBytes = new byte[end - start];
    in.getBytes(start, headBytes);
    HeaderBlock scanned = HeaderBlock.scan(headBytes, 0, headBytes.length, limits);
    int contentLength = scanned.contentLength();
    if (contentLength == HeaderBlock.ABSENT) {
      fail(ctx, in, out, "missing Content-Length", Optional.of(headBytes));
      return false;
    }
    if (contentLength == HeaderBlock.INVALID) {
      String reason = scanned.problem().orElse("bad Content-Length");
      fail(ctx, in, out, reason, Optional.of(headBytes));
      return false;
    }
    if ((long) headBytes.length + contentLength > limits.maxMessageBytes()) {
      fail(ctx, in, out, "message too large", Optional.of(headBytes));
      return false;
    }
    block = scanned;
    head = headBytes;
    return true;
  }

  private void fail(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, String reason,
      Optional<byte[]> readable) {
    broken = true;
    in.skipBytes(in.readableBytes());
    out.add(Inbounds.malformed(reason, peer(ctx), readable));
    // Closing after the current read lets the layer above send the rejection first.
    ctx.executor().execute(ctx::close);
  }

  private Peer peer(ChannelHandlerContext ctx) {
    if (peer == null) {
      peer = new Peer(Transport.TCP, inet(ctx.channel().remoteAddress()),
          inet(ctx.channel().localAddress()));
    }
    return peer;
  }

  private static InetSocketAddress inet(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet;
    }
    throw new IllegalStateException("SIP over a non-IP channel: " + address);
  }
}
