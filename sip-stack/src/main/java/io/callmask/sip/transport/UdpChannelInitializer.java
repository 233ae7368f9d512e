package io.callmask.sip.transport;

import io.callmask.sip.codec.CodecLimits;
import io.callmask.sip.codec.SipDatagramDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * Builds the pipeline of a UDP socket: {@code ReadBacklog → SipDatagramDecoder →
 * InboundDispatcher → UdpErrorGuard}. Outbound datagrams are encoded by the sender into {@code
 * DatagramPacket}s, so no encoder is needed here. Thread-safe: it only creates per-socket
 * handlers.
 */
final class UdpChannelInitializer extends ChannelInitializer<Channel> {

  private final CodecLimits limits;
  private final InboundDispatcher dispatcher;
  private final UdpErrorGuard guard;
  private final InputLag lag;

  /** @param lag where each socket's {@link ReadBacklog} is counted */
  UdpChannelInitializer(CodecLimits limits, InboundDispatcher dispatcher, UdpErrorGuard guard,
      InputLag lag) {
    this.limits = limits;
    this.dispatcher = dispatcher;
    this.guard = guard;
    this.lag = lag;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast(lag.newSocket(UdpEndpoint.READ_BURST),
        new SipDatagramDecoder(limits), dispatcher, guard);
  }
}
