package io.callmask.sip.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.MalformedMessage;
import io.callmask.sip.message.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transport whose listener cannot keep up with a burst of datagrams, on real sockets: {@link
 * NettySipTransport#inputLag()} shows the wait until the burst has been handled, and falls back
 * once it has. With a listener this slow the burst waits both in the socket's buffer and behind
 * the loop's queued reads, so either half of {@link InputLag} sees it; {@link
 * UdpChannelInitializerTest} and {@link ReadBacklogTest} pin the socket's half.
 */
class InputLagIT {

  private static final int DATAGRAMS = 150;
  /** What each message costs the slow listener: the burst takes 150 × 4 ms = 600 ms to handle. */
  private static final Duration WORK = Duration.ofMillis(4);

  private final AtomicInteger handled = new AtomicInteger();
  private NettySipTransport transport;

  @BeforeEach
  void start() {
    transport = new NettySipTransport(NettySipTransportIT.loopback()
        .withWorkerThreads(1).withUdpSocketBuffer(1 << 20));
    transport.start(new InboundListener() {
      @Override
      public void onMessage(InboundMessage message) {
        LockSupport.parkNanos(WORK.toNanos());
        handled.incrementAndGet();
      }

      @Override
      public void onMalformed(MalformedMessage message) {}
    });
  }

  @AfterEach
  void stop() {
    transport.stop();
  }

  @Test
  void aBurstTheListenerCannotKeepUpWithShowsAsInputLagUntilRead() throws Exception {
    assertThat(transport.inputLag()).isLessThan(Duration.ofMillis(50));
    HostPort to = transport.boundUdp();
    long worst = 0;
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      HostPort from = new HostPort("127.0.0.1", client.getLocalPort());
      for (int i = 0; i < DATAGRAMS; i++) {
        byte[] bytes = TestMessages.optionsText(Transport.UDP, from, to,
            UUID.randomUUID().toString()).getBytes(US_ASCII);
        client.send(new DatagramPacket(bytes, bytes.length,
            new InetSocketAddress(to.host(), to.port())));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (handled.get() < DATAGRAMS && System.nanoTime() < deadline) {
        worst = Math.max(worst, transport.inputLag().toNanos());
        LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
      }
    }

    assertThat(handled.get()).isEqualTo(DATAGRAMS);
    assertThat(Duration.ofNanos(worst)).isGreaterThan(Duration.ofMillis(300));
    Eventually.holds(() -> transport.inputLag().compareTo(Duration.ofMillis(50)) < 0,
        Duration.ofSeconds(5));
  }
}
