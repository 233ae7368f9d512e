package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The probes on a real socket that stands for a SIP socket: the test reads what arrives and hands
 * it to a catcher as the socket's pipeline would.
 */
class DatagramProbesTest {

  private final DatagramProbes probes = new DatagramProbes();
  private final EmbeddedChannel pipeline = new EmbeddedChannel(probes.newCatcher());
  private DatagramSocket socket;

  @AfterEach
  void close() {
    probes.close();
    if (socket != null) {
      socket.close();
    }
  }

  @Test
  void aProbeIsTakenOutOfTheInputAndTimed() throws Exception {
    start();
    java.net.DatagramPacket probe = receive();
    LockSupport.parkNanos(Duration.ofMillis(30).toNanos());

    pipeline.writeInbound(packet(probe.getData(), probe.getLength(), sender(probe)));

    assertThat((Object) pipeline.readInbound()).isNull();
    assertThat(Duration.ofNanos(probes.worstNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(30));
  }

  @Test
  void probesNotReadCountAsWaiting() throws Exception {
    start();
    receive();
    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());

    assertThat(Duration.ofNanos(probes.worstNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }

  @Test
  void otherDatagramsPassEvenWithAProbesBytes() throws Exception {
    start();
    java.net.DatagramPacket probe = receive();
    byte[] bytes = Arrays.copyOf(probe.getData(), probe.getLength());
    InetSocketAddress stranger = new InetSocketAddress("192.0.2.10", sender(probe).getPort());

    pipeline.writeInbound(packet(bytes, bytes.length, stranger));
    pipeline.writeInbound(packet(new byte[] {'\r', '\n'}, 2, sender(probe)));

    assertThat(pipeline.inboundMessages()).hasSize(2);
    pipeline.finishAndReleaseAll();
  }

  @Test
  void probesStopWhenClosed() throws Exception {
    start();
    receive();
    probes.close();
    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    while (drained()) {
      // what was sent before the close
    }

    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    assertThat(drained()).as("a probe sent after the close").isFalse();
  }

  private void start() throws Exception {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(5_000);
    probes.start((InetSocketAddress) socket.getLocalSocketAddress(), 1);
  }

  private java.net.DatagramPacket receive() throws Exception {
    java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[64], 64);
    socket.receive(packet);
    assertThat(packet.getLength()).isEqualTo(ProbeLedger.PROBE_BYTES);
    return packet;
  }

  private boolean drained() throws Exception {
    socket.setSoTimeout(1);
    try {
      socket.receive(new java.net.DatagramPacket(new byte[64], 64));
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    }
  }

  private static InetSocketAddress sender(java.net.DatagramPacket packet) {
    return (InetSocketAddress) packet.getSocketAddress();
  }

  private DatagramPacket packet(byte[] bytes, int length, InetSocketAddress from) {
    return new DatagramPacket(Unpooled.copiedBuffer(bytes, 0, length),
        (InetSocketAddress) socket.getLocalSocketAddress(), from);
  }
}
