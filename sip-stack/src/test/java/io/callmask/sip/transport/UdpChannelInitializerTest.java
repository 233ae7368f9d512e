package io.callmask.sip.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.codec.CodecLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UdpChannelInitializerTest {

  private static final InetSocketAddress CARRIER = new InetSocketAddress("192.0.2.10", 5060);
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

  private final AtomicLong now = new AtomicLong();
  private final InputLag lag = new InputLag(now::get, () -> 0);
  private final RecordingListener listener = new RecordingListener();
  private final EmbeddedChannel socket = new EmbeddedChannel(new UdpChannelInitializer(
      CodecLimits.DEFAULTS,
      new InboundDispatcher(listener, new TransportCounters(), via -> true, CallWorkers.inline()),
      new UdpErrorGuard(), lag));

  @Test
  void everySocketsBacklogCountsInTheInputLag() {
    now.set(1_000);
    readBurst(1);
    readBurst(UdpEndpoint.READ_BURST);
    now.set(250_000_000);

    assertThat(lag.worstNanos()).isEqualTo(250_000_000 - 1_000);

    readBurst(1);
    assertThat(lag.worstNanos()).isZero();
  }

  /** One read of {@code datagrams} keep-alives (CRLFs only: nothing to decode or answer). */
  private void readBurst(int datagrams) {
    for (int i = 0; i < datagrams; i++) {
      socket.pipeline().fireChannelRead(new DatagramPacket(
          Unpooled.copiedBuffer("\r\n\r\n", US_ASCII), LOCAL, CARRIER));
    }
    socket.pipeline().fireChannelReadComplete();
  }
}
