package io.callmask.sip.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.codec.CodecLimits;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class UdpChannelInitializerTest {

  private static final InetSocketAddress CARRIER = new InetSocketAddress("192.0.2.10", 5060);
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

  private final RecordingListener listener = new RecordingListener();
  private final DatagramProbes probes = new DatagramProbes();
  private final EmbeddedChannel socket = new EmbeddedChannel(new UdpChannelInitializer(
      CodecLimits.DEFAULTS,
      new InboundDispatcher(listener, new TransportCounters(), via -> true, CallWorkers.inline()),
      new UdpErrorGuard(), probes));

  @Test
  void aDatagramGoesPastTheProbeCatcherToTheListener() throws InterruptedException {
    String options = TestMessages.optionsText(Transport.UDP, new HostPort("192.0.2.10", 5060),
        new HostPort("127.0.0.1", 5060), "probe-catcher-1");

    socket.pipeline().fireChannelRead(
        new DatagramPacket(Unpooled.copiedBuffer(options, US_ASCII), LOCAL, CARRIER));

    assertThat(socket.pipeline().first().getClass().getSimpleName()).isEqualTo("Catcher");
    assertThat(listener.next().message().getHeader("Call-ID").toString())
        .contains("probe-catcher-1");
  }
}
