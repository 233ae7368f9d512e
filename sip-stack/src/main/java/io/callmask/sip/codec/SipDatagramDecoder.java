package io.callmask.sip.codec;

import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SharedValues;
import io.callmask.sip.message.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes one SIP message per UDP datagram (RFC 3261 §18.3) into an {@link
 * io.callmask.sip.message.Inbound}: an {@code InboundMessage}, or a {@code MalformedMessage} value
 * (never an exception). CRLFs before the start line are skipped (§7.5), so a datagram of CRLFs
 * only, a keep-alive, produces nothing. Octets past the Content-Length are discarded (§18.3, RFC
 * 4475 §3.1.1.8); a Content-Length beyond the datagram makes it malformed (RFC 4475 §3.1.2.2).
 *
 * <p>Its only state is the peers it shares, which are thread-safe, so {@link Sharable}.
 */
@Sharable
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

  /** Carriers are few: their peers are shared by everything that keeps one (transactions). */
  private static final int SHARED_PEERS = 4096;

  private final CodecLimits limits;
  private final SharedValues<Peer> peers = new SharedValues<>(SHARED_PEERS);

  public SipDatagramDecoder(CodecLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
    ByteBuf content = packet.content();
    int end = content.writerIndex();
    int start = content.readerIndex() + Framing.leadingLineEnds(content, content.readerIndex(), end);
    if (start == end) {
      return;
    }
    Peer peer = peers.share(new Peer(Transport.UDP, packet.sender(), packet.recipient()));
    if (end - start > limits.maxMessageBytes()) {
      out.add(Inbounds.malformed("message too large", peer, Optional.empty()));
      return;
    }
    byte[] bytes = new byte[end - start];
    content.getBytes(start, bytes);
    int headerEnd = Framing.headerEnd(bytes);
    if (headerEnd < 0) {
      out.add(Inbounds.malformed("no end of headers", peer, Optional.of(bytes)));
      return;
    }
    HeaderBlock block = HeaderBlock.scan(bytes, 0, headerEnd, limits);
    int contentLength = block.contentLength();
    int available = bytes.length - headerEnd;
    if (contentLength > available) {
      out.add(Inbounds.malformed("Content-Length exceeds datagram", peer,
          Optional.of(Arrays.copyOf(bytes, headerEnd))));
      return;
    }
    int bodyLength = contentLength >= 0 ? contentLength : available;
    byte[] body = Arrays.copyOfRange(bytes, headerEnd, headerEnd + bodyLength);
    out.add(Inbounds.decode(block, bytes, headerEnd, body, peer));
  }
}
