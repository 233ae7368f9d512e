package io.callmask.sip.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sends on one TCP connection leave in the order they were asked for, whichever thread asks: a
 * send made on the connection's own event loop must not overtake one another thread made just
 * before (a relayed 200 ahead of the 180 relayed before it).
 */
class TcpSendOrderIT {

  private final EventLoopGroup group = EventLoopKind.detect().newGroup(1, "tcp-order");
  private TcpEndpoint endpoint;

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.closeListener();
      endpoint.closeConnections();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void aSendOnTheLoopDoesNotOvertakeOneQueuedBeforeItFromAnotherThread() throws Exception {
    TransportSettings settings = NettySipTransportIT.loopback();
    endpoint = TcpEndpoint.bind(new InetSocketAddress("127.0.0.1", 0), EventLoopKind.detect(),
        group, settings, new InboundDispatcher(new RecordingListener(), new TransportCounters(),
            via -> true, CallWorkers.inline()));
    try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InetSocketAddress peerAddress = new InetSocketAddress("127.0.0.1", peer.getLocalPort());
      EncodedMessage first = message("first", peer.getLocalPort());
      EncodedMessage second = message("second", peer.getLocalPort());
      endpoint.send(message("opening", peer.getLocalPort()), peerAddress).get(5, TimeUnit.SECONDS);
      try (Socket accepted = peer.accept()) {
        accepted.setSoTimeout(5000);
        CountDownLatch onLoop = new CountDownLatch(1);
        CountDownLatch firstQueued = new CountDownLatch(1);
        CompletableFuture<Void> secondSent = new CompletableFuture<>();
        group.next().execute(() -> {
          onLoop.countDown();
          awaitUninterruptibly(firstQueued);
          endpoint.send(second, peerAddress).whenComplete((ok, e) -> secondSent.complete(null));
        });
        assertThat(onLoop.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> firstSent = endpoint.send(first, peerAddress);
        firstQueued.countDown();
        firstSent.get(5, TimeUnit.SECONDS);
        secondSent.get(5, TimeUnit.SECONDS);

        String received = readCallIds(accepted.getInputStream(), 3);
        assertThat(received).containsSubsequence("opening", "first", "second");
      }
    }
  }

  private static EncodedMessage message(String callId, int port) {
    Request options = TestMessages.options(Transport.TCP, new HostPort("127.0.0.1", 5060),
        new HostPort("127.0.0.1", port));
    try {
      options.setHeader(SipResponses.headerFactory().createCallIdHeader(callId));
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    return EncodedMessage.of(options);
  }

  /** Reads until {@code count} messages' Call-IDs have arrived; returns them in arrival order. */
  private static String readCallIds(InputStream in, int count) throws Exception {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[8192];
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (text.toString().split("Call-ID:", -1).length - 1 < count
        && System.nanoTime() < deadline) {
      int read = in.read(buffer);
      if (read < 0) {
        break;
      }
      text.append(new String(buffer, 0, read, US_ASCII));
    }
    StringBuilder ids = new StringBuilder();
    for (String line : text.toString().split("\r\n")) {
      if (line.startsWith("Call-ID:")) {
        ids.append(line.substring("Call-ID:".length()).trim()).append(' ');
      }
    }
    return ids.toString();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
