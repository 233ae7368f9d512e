package io.callmask.sip.codec;

import io.callmask.sip.message.Inbound;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Embedded channels with IP addresses, as the decoders need, and helpers to drive them. */
final class TestChannels {

  static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.10", 5070);
  static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5060);

  private TestChannels() {}

  /** A channel whose remote and local addresses are {@link #REMOTE} and {@link #LOCAL}. */
  static EmbeddedChannel tcp(ChannelHandler... handlers) {
    return new EmbeddedChannel(handlers) {
      @Override
      protected SocketAddress remoteAddress0() {
        return REMOTE;
      }

      @Override
      protected SocketAddress localAddress0() {
        return LOCAL;
      }
    };
  }

  static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }

  static DatagramPacket datagram(String text) {
    return new DatagramPacket(bytes(text), LOCAL, REMOTE);
  }

  /** Everything the channel has handed up so far. */
  static List<Inbound> inbound(EmbeddedChannel channel) {
    List<Inbound> result = new ArrayList<>();
    for (Object next = channel.readInbound(); next != null; next = channel.readInbound()) {
      result.add((Inbound) next);
    }
    return result;
  }

  /** Everything the channel has written so far, as text. */
  static String outbound(EmbeddedChannel channel) {
    StringBuilder text = new StringBuilder();
    for (ByteBuf next = channel.readOutbound(); next != null; next = channel.readOutbound()) {
      text.append(next.toString(StandardCharsets.UTF_8));
      next.release();
    }
    return text.toString();
  }
}
