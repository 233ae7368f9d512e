package io.callmask.sip.transport;

import io.callmask.sip.codec.CodecLimits;
import io.callmask.sip.codec.SipDatagramDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * Builds the pipeline of a UDP socket: {@code probe catcher → SipDatagramDecoder →
 * InboundDispatcher → UdpErrorGuard}. Outbound datagrams are encoded by the sender into {@code
 * DatagramPacket}s, so no encoder is needed here. Thread-safe: it only creates per-socket
 * handlers.
 */
final class UdpChannelInitializer extends ChannelInitializer<Channel> {

  private final CodecLimits limits;
  private final InboundDispatcher dispatcher;
  private final UdpErrorGuard guard;
  private final DatagramProbes probes;

  /** @param probes whose catcher takes the input probes out first, timing them */
  UdpChannelInitializer(CodecLimits limits, InboundDispatcher dispatcher, UdpErrorGuard guard,
      DatagramProbes probes) {
    this.limits = limits;
    this.dispatcher = dispatcher;
    this.guard = guard;
    this.probes = probes;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast(probes.newCatcher(),
        new SipDatagramDecoder(limits), dispatcher, guard);
  }
}
