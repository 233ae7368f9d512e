package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two transports on 127.0.0.1 talking to each other over real sockets. */
class NettySipTransportIT {

  private final RecordingListener aliceInbox = new RecordingListener();
  private final RecordingListener bobInbox = new RecordingListener();
  private NettySipTransport alice;
  private NettySipTransport bob;

  static TransportSettings loopback() {
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    return TransportSettings.defaults(any, any)
        .withWorkerThreads(2)
        .withShutdownQuietPeriod(Duration.ZERO);
  }

  @BeforeEach
  void start() {
    alice = new NettySipTransport(loopback());
    bob = new NettySipTransport(loopback());
    alice.start(aliceInbox);
    bob.start(bobInbox);
  }

  @AfterEach
  void stop() {
    alice.stop();
    bob.stop();
  }

  private static void await(CompletionStage<Void> stage) throws Exception {
    stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Peer peer(Transport transport, HostPort hostPort) {
    return Peer.to(transport, new InetSocketAddress(hostPort.host(), hostPort.port()));
  }

  /** Bob answers {@code request} with 200 where §18.2.2 says, and returns what Alice receives. */
  private InboundMessage answer(InboundMessage request) throws Exception {
    Response ok = SipResponses.create(request.request(), Response.OK);
    await(bob.send(ok, ResponseTargets.forResponse(ok, request.peer())));
    return aliceInbox.next();
  }

  private static String callId(javax.sip.message.Message message) {
    return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
  }

  @Test
  void exchangesRequestAndResponseOverUdp() throws Exception {
    Request options = TestMessages.options(Transport.UDP, alice.advertised(Transport.UDP),
        bob.advertised(Transport.UDP));

    await(alice.send(options, peer(Transport.UDP, bob.boundUdp())));
    InboundMessage atBob = bobInbox.next();
    InboundMessage atAlice = answer(atBob);

    assertThat(atBob.isRequest()).isTrue();
    assertThat(atBob.peer().transport()).isEqualTo(Transport.UDP);
    assertThat(atBob.peer().remote().getPort()).isEqualTo(alice.boundUdp().port());
    ViaHeader via = (ViaHeader) atBob.request().getHeader(ViaHeader.NAME);
    assertThat(via.getRPort()).isEqualTo(alice.boundUdp().port());
    assertThat(via.getReceived()).isEqualTo("127.0.0.1");
    assertThat(atAlice.isRequest()).isFalse();
    assertThat(atAlice.response().getStatusCode()).isEqualTo(200);
    assertThat(callId(atAlice.message())).isEqualTo(callId(options));
    assertThat(bob.counters().received()).isEqualTo(1);
    assertThat(alice.counters().received()).isEqualTo(1);
  }

  @Test
  void sendsEncodedBytesAsTheyAreOverUdpAndTcp() throws Exception {
    for (Transport transport : Transport.values()) {
      Request options = TestMessages.options(transport, alice.advertised(transport),
          bob.advertised(transport));
      EncodedMessage bytesOnly = EncodedMessage.of(options).withoutSource();
      HostPort to = transport == Transport.UDP ? bob.boundUdp() : bob.boundTcp();

      await(alice.send(bytesOnly, peer(transport, to)));
      await(alice.send(bytesOnly, peer(transport, to)));

      for (int copy = 0; copy < 2; copy++) {
        InboundMessage atBob = bobInbox.next();
        assertThat(atBob.peer().transport()).isEqualTo(transport);
        assertThat(callId(atBob.message())).isEqualTo(callId(options));
        assertThat(atBob.request().getMethod()).isEqualTo(Request.OPTIONS);
      }
    }
  }

  @Test
  void exchangesRequestAndResponseOverTcpOnOneConnection() throws Exception {
    Request options = TestMessages.options(Transport.TCP, alice.advertised(Transport.TCP),
        bob.advertised(Transport.TCP));

    await(alice.send(options, peer(Transport.TCP, bob.boundTcp())));
    InboundMessage atBob = bobInbox.next();
    InboundMessage atAlice = answer(atBob);

    assertThat(atBob.peer().transport()).isEqualTo(Transport.TCP);
    assertThat(atAlice.response().getStatusCode()).isEqualTo(200);
    assertThat(callId(atAlice.message())).isEqualTo(callId(options));
    // The response came back on the connection Alice opened, not on a new one to her listener.
    assertThat(atAlice.peer().remote().getPort()).isEqualTo(bob.boundTcp().port());
    assertThat(alice.openConnections()).isEqualTo(1);
    assertThat(bob.openConnections()).isEqualTo(1);
  }

  @Test
  void tcpMessagesSentWhileTheConnectionOpensArriveInTheOrderSent() throws Exception {
    List<String> sent = new ArrayList<>();
    List<CompletionStage<Void>> sends = new ArrayList<>();
    Peer toBob = peer(Transport.TCP, bob.boundTcp());
    for (int i = 0; i < 30; i++) {
      Request options = TestMessages.options(Transport.TCP, alice.advertised(Transport.TCP),
          bob.advertised(Transport.TCP));
      sent.add(callId(options));
      sends.add(alice.send(options, toBob));
    }
    for (CompletionStage<Void> send : sends) {
      await(send);
    }

    List<String> received = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      received.add(callId(bobInbox.next().message()));
    }
    assertThat(received).containsExactlyElementsOf(sent);
    assertThat(alice.openConnections()).isEqualTo(1);
  }

  @Test
  void secondTcpRequestReusesTheOpenedConnection() throws Exception {
    Peer toBob = peer(Transport.TCP, bob.boundTcp());
    HostPort from = alice.advertised(Transport.TCP);

    await(alice.send(TestMessages.options(Transport.TCP, from, bob.boundTcp()), toBob));
    InboundMessage first = bobInbox.next();
    await(alice.send(TestMessages.options(Transport.TCP, from, bob.boundTcp()), toBob));
    InboundMessage second = bobInbox.next();

    assertThat(second.peer().remote()).isEqualTo(first.peer().remote());
    assertThat(alice.openConnections()).isEqualTo(1);
    assertThat(bob.openConnections()).isEqualTo(1);
  }

  @Test
  void requestToThePeerOfAnAcceptedConnectionReusesIt() throws Exception {
    await(alice.send(TestMessages.options(Transport.TCP, alice.advertised(Transport.TCP),
        bob.boundTcp()), peer(Transport.TCP, bob.boundTcp())));
    Peer aliceAsBobSeesHer = bobInbox.next().peer();

    await(bob.send(TestMessages.options(Transport.TCP, bob.advertised(Transport.TCP),
        alice.advertised(Transport.TCP)), aliceAsBobSeesHer));
    InboundMessage atAlice = aliceInbox.next();

    assertThat(atAlice.isRequest()).isTrue();
    assertThat(atAlice.peer().remote().getPort()).isEqualTo(bob.boundTcp().port());
    assertThat(bob.openConnections()).isEqualTo(1);
    assertThat(alice.openConnections()).isEqualTo(1);
  }

  @Test
  void tcpSendToAClosedPortFailsTheStage() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    Request options = TestMessages.options(Transport.TCP, alice.advertised(Transport.TCP),
        new HostPort("127.0.0.1", closedPort));

    CompletionStage<Void> sent = alice.send(options,
        Peer.to(Transport.TCP, new InetSocketAddress("127.0.0.1", closedPort)));

    assertThatThrownBy(() -> await(sent))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ConnectException.class);
    assertThat(alice.counters().sendFailures()).isEqualTo(1);
    assertThat(alice.openConnections()).isZero();
  }

  @Test
  void sendsFailOnceAPeerStopsReadingInsteadOfBufferingWithoutBound() throws Exception {
    try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HostPort to = new HostPort("127.0.0.1", deaf.getLocalPort());
      Peer peer = Peer.to(Transport.TCP, new InetSocketAddress("127.0.0.1", deaf.getLocalPort()));
      Request big = TestMessages.options(Transport.TCP, alice.advertised(Transport.TCP), to);
      big.setContent("x".repeat(60_000),
          SipResponses.headerFactory().createContentTypeHeader("text", "plain"));

      // the kernel's socket buffers take a few MB; after them, our 256 KiB; then sends must fail
      Throwable refusal = null;
      for (int i = 0; i < 2_000 && refusal == null; i++) {
        try {
          alice.send((Request) big.clone(), peer).toCompletableFuture().getNow(null);
        } catch (CompletionException e) {
          refusal = e.getCause();
        }
      }

      assertThat(refusal).isInstanceOf(IOException.class).hasMessageContaining("not reading");
    }
  }

  @Test
  void sendToAnUnresolvableHostFailsTheStage() {
    Request options = TestMessages.options(Transport.UDP, alice.advertised(Transport.UDP),
        new HostPort("nowhere.invalid", 5060));

    CompletionStage<Void> sent = alice.send(options,
        Peer.to(Transport.UDP, InetSocketAddress.createUnresolved("nowhere.invalid", 5060)));

    assertThatThrownBy(() -> await(sent)).hasRootCauseInstanceOf(UnknownHostException.class);
  }

  @Test
  void responseForAnotherNodeIsDropped() throws Exception {
    Request options = TestMessages.options(Transport.UDP, new HostPort("192.0.2.1", 5060),
        alice.advertised(Transport.UDP));
    Response stray = SipResponses.create(options, Response.OK);

    await(bob.send(stray, peer(Transport.UDP, alice.boundUdp())));
    await(bob.send(TestMessages.options(Transport.UDP, bob.advertised(Transport.UDP),
        alice.advertised(Transport.UDP)), peer(Transport.UDP, alice.boundUdp())));

    // Datagrams between two sockets on loopback arrive in order: the request follows the stray.
    assertThat(aliceInbox.next().isRequest()).isTrue();
    assertThat(alice.counters().dropped()).isEqualTo(1);
    assertThat(alice.counters().received()).isEqualTo(1);
  }

  @Test
  void idleTcpConnectionsCloseAndLeaveTheTable() throws Exception {
    NettySipTransport quick =
        new NettySipTransport(loopback().withTcpIdleTimeout(Duration.ofMillis(200)));
    quick.start(new RecordingListener());
    try {
      await(quick.send(TestMessages.options(Transport.TCP, quick.advertised(Transport.TCP),
          bob.boundTcp()), peer(Transport.TCP, bob.boundTcp())));
      bobInbox.next();
      assertThat(quick.openConnections()).isEqualTo(1);

      Eventually.holds(() -> quick.openConnections() == 0 && bob.openConnections() == 0,
          Duration.ofSeconds(5));
    } finally {
      quick.stop();
    }
  }

  @Test
  void stopClosesConnectionsAndLaterSendsFail() throws Exception {
    await(alice.send(TestMessages.options(Transport.TCP, alice.advertised(Transport.TCP),
        bob.boundTcp()), peer(Transport.TCP, bob.boundTcp())));
    bobInbox.next();

    alice.stop();

    Eventually.holds(() -> bob.openConnections() == 0, Duration.ofSeconds(5));
    assertThatThrownBy(() -> await(alice.send(TestMessages.options(Transport.UDP,
        alice.advertised(Transport.UDP), bob.boundUdp()), peer(Transport.UDP, bob.boundUdp()))))
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void advertisesTheConfiguredHostWithTheBoundPort() {
    NettySipTransport named =
        new NettySipTransport(loopback().withAdvertisedHost("sip.example.com"));
    named.start(new RecordingListener());
    try {
      assertThat(named.advertised(Transport.UDP))
          .isEqualTo(new HostPort("sip.example.com", named.boundUdp().port()));
      assertThat(named.advertised(Transport.TCP))
          .isEqualTo(new HostPort("sip.example.com", named.boundTcp().port()));
      assertThat(named.boundUdp().port()).isPositive();
    } finally {
      named.stop();
    }
  }

  @Test
  void bindingATakenPortFailsStart() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      TransportSettings settings = loopback();
      NettySipTransport clash = new NettySipTransport(new TransportSettings(null,
          new InetSocketAddress("127.0.0.1", taken.getLocalPort()), null, settings.limits(),
          settings.tcpIdleTimeout(), settings.connectTimeout(), 1, Duration.ZERO, 0));

      assertThatThrownBy(() -> clash.start(new RecordingListener())).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen on TCP");
      assertThatThrownBy(() -> await(clash.send(TestMessages.options(Transport.TCP,
          new HostPort("127.0.0.1", 5060), new HostPort("127.0.0.1", taken.getLocalPort())),
          Peer.to(Transport.TCP, new InetSocketAddress("127.0.0.1", taken.getLocalPort())))))
          .hasCauseInstanceOf(IllegalStateException.class);
    }
  }
}
