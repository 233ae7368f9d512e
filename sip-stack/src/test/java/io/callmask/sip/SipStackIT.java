package io.callmask.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.NettyTimerService;
import io.callmask.sip.transaction.TimerSettings;
import io.callmask.sip.transaction.TransactionLayer;
import io.callmask.sip.transport.NettySipTransport;
import io.callmask.sip.transport.TransportSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole stack (Netty transport, codec, transaction layer) against SIPp over real sockets: SIPp
 * calling us, us calling SIPp, and UDP retransmissions SIPp provokes on purpose. T1 is 100 ms so
 * that retransmissions come quickly.
 */
class SipStackIT {

  private static final TimerSettings FAST_TIMERS = new TimerSettings(
      Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(500));

  @TempDir
  Path workDir;

  private NettySipTransport transport;
  private NettyTimerService timers;
  private TransactionLayer layer;
  private AnsweringUser user;
  private final List<Sipp> sipps = new ArrayList<>();

  @BeforeAll
  static void requireSipp() {
    Sipp.assumeInstalled();
  }

  @BeforeEach
  void startStack() {
    InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
    transport = new NettySipTransport(TransportSettings.defaults(loopback, loopback)
        .withWorkerThreads(2)
        .withShutdownQuietPeriod(Duration.ZERO));
    timers = new NettyTimerService();
    layer = new TransactionLayer(transport, timers, FAST_TIMERS);
    user = new AnsweringUser(transport);
    layer.bind(user);
    transport.start(layer);
  }

  @AfterEach
  void stopStack() {
    sipps.forEach(Sipp::destroy);
    transport.stop();
    layer.close();
    timers.close();
  }

  private static String sippTransport(Transport transport) {
    return transport == Transport.UDP ? "u1" : "t1";
  }

  private Sipp sipp(String scenario, List<String> args) throws Exception {
    Sipp sipp = Sipp.start(workDir, scenario, args);
    sipps.add(sipp);
    return sipp;
  }

  /** SIPp calls our stack, which answers as {@link AnsweringUser}. */
  private void sippCallsUs(Transport transport, String scenario, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("-t", sippTransport(transport)));
    args.addAll(List.of(extra));
    args.add(this.transport.advertised(transport).toString());

    sipp(scenario, args).assertSucceeded();

    assertThat(List.of(next(), next(), next())).containsExactly("INVITE", "ACK", "BYE");
  }

  /** Our stack calls SIPp, which answers per {@code scenario}. */
  private void weCallSipp(Transport transport, String scenario, String... extra) throws Exception {
    int port = Sipp.freePort();
    List<String> args = new ArrayList<>(
        List.of("-t", sippTransport(transport), "-p", Integer.toString(port)));
    args.addAll(List.of(extra));
    Sipp sipp = sipp(scenario, args);
    sipp.awaitBound(port, transport == Transport.TCP);
    CallingUser caller = new CallingUser(layer, this.transport.advertised(transport), transport,
        Peer.to(transport, new InetSocketAddress("127.0.0.1", port)));

    Response ok = caller.invite();
    assertThat(ok.getStatusCode()).isEqualTo(Response.OK);
    caller.ack(ok);
    Response byeOk = caller.bye(ok);

    assertThat(byeOk.getStatusCode()).isEqualTo(Response.OK);
    sipp.assertSucceeded();
  }

  private String next() throws InterruptedException {
    return user.seen().poll(5, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void sippCallsAndHangsUp(Transport transport) throws Exception {
    sippCallsUs(transport, "uac-call.xml");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void weCallSippAndHangUp(Transport transport) throws Exception {
    weCallSipp(transport, "uas-call.xml");
  }

  /** SIPp ignores our first INVITE: only Timer A's retransmission gets the call through. */
  @Test
  void retransmitsInviteOnTimerAWhenTheFirstIsLost() throws Exception {
    weCallSipp(Transport.UDP, "uas-call-after-retransmission.xml", "-nr");
  }

  /** SIPp withholds its ACK until the 200 comes again: our UAS retransmits its 2xx over UDP. */
  @Test
  void retransmitsTheTwoHundredUntilAcknowledged() throws Exception {
    sippCallsUs(Transport.UDP, "uac-call-late-ack.xml", "-nr");
  }
}
