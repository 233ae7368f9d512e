package io.callmask.sip.transport;

import io.callmask.sip.codec.CodecLimits;
import io.callmask.sip.codec.SipDatagramDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * Builds the pipeline of a UDP socket: {@code SipDatagramDecoder → InboundDispatcher →
 * UdpErrorGuard}. Outbound datagrams are encoded by the sender into {@code DatagramPacket}s, so no
 * encoder is needed here. Thread-safe: it only creates per-socket handlers.
 */
final class UdpChannelInitializer extends ChannelInitializer<Channel> {

  private final CodecLimits limits;
  private final InboundDispatcher dispatcher;
  private final UdpErrorGuard guard;

  UdpChannelInitializer(CodecLimits limits, InboundDispatcher dispatcher, UdpErrorGuard guard) {
    this.limits = limits;
    this.dispatcher = dispatcher;
    this.guard = guard;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast(new SipDatagramDecoder(limits), dispatcher, guard);
  }
}
