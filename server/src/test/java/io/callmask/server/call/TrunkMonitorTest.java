package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.Trunk;
import io.callmask.server.store.Database;
import io.callmask.server.store.JdbcNumberStore;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.ManualTimerService;
import io.callmask.sip.transaction.RecordingTransport;
import io.callmask.sip.transaction.TimerSettings;
import io.callmask.sip.transaction.TransactionLayer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sip.header.AcceptHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TransactionUser;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor over a real transaction layer, a recording transport, hand-fired timers and a real
 * (in-memory H2) store; the probe executor runs each round on the timer's thread.
 */
class TrunkMonitorTest {

  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final RecordingTransport transport = new RecordingTransport();
  private final ManualTimerService timers = new ManualTimerService();
  private final TransactionLayer layer =
      new TransactionLayer(transport, timers, TimerSettings.RFC_DEFAULTS);
  private Database database;
  private JdbcNumberStore store;
  /** Call-IDs of the probes this test answered with a final response. */
  private final Set<String> answered = new HashSet<>();
  private TrunkMonitor monitor;
  /** What the monitor is told of callmask being behind on its own input. */
  private boolean behind;

  @BeforeEach
  void setUp() {
    layer.bind(new TransactionUser() {
      @Override
      public void onRequest(ServerTransaction transaction) {
        transaction.respond(SipResponses.create(transaction.request(), 405));
      }

      @Override
      public void onCancel(ServerTransaction invite, Request cancel) {}

      @Override
      public void onAck(Request ack, Peer from) {}

      @Override
      public void onStrayResponse(Response response, Peer from) {}
    });
    database = Database.open("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "", 2);
    store = new JdbcNumberStore(database);
    store.addTrunk(new Trunk("airtel", "10.0.0.1", 5060, "udp", List.of()));
  }

  @AfterEach
  void tearDown() {
    if (monitor != null) {
      monitor.close();
    }
    layer.close();
    database.close();
  }

  @Test
  void sendsEachGatewayAnOptionsAsRfc3261Section11Describes() throws Exception {
    store.addTrunk(new Trunk("jio", "gw.jio.example", 5080, "tcp", List.of("10.9.0.0/16")));
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 2));

    Map<String, Request> probes = openProbes();
    assertThat(probes).containsOnlyKeys("airtel", "jio");
    Request udp = probes.get("airtel");
    Request tcp = probes.get("jio");

    assertThat(udp.getMethod()).isEqualTo(Request.OPTIONS);
    assertThat(udp.getRequestURI().toString()).isEqualTo("sip:10.0.0.1:5060");
    assertThat(tcp.getRequestURI().toString()).isEqualTo("sip:gw.jio.example:5080;transport=tcp");
    FromHeader from = (FromHeader) udp.getHeader(FromHeader.NAME);
    assertThat(from.getAddress().getURI().toString()).isEqualTo("sip:callmask@192.0.2.10");
    assertThat(from.getTag()).isNotBlank();
    ToHeader to = (ToHeader) tcp.getHeader(ToHeader.NAME);
    assertThat(to.getAddress().getURI()).isEqualTo(tcp.getRequestURI());
    assertThat(to.getTag()).isNull();
    assertThat(callId(udp)).isNotEqualTo(callId(tcp));
    CSeqHeader cseq = (CSeqHeader) udp.getHeader(CSeqHeader.NAME);
    assertThat(cseq.getMethod()).isEqualTo(Request.OPTIONS);
    assertThat(cseq.getSeqNumber()).isEqualTo(1);
    assertThat(((MaxForwardsHeader) udp.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
        .isEqualTo(70);
    AcceptHeader accept = (AcceptHeader) udp.getHeader(AcceptHeader.NAME);
    assertThat(accept.getContentType() + "/" + accept.getContentSubType())
        .isEqualTo("application/sdp");
    ViaHeader via = (ViaHeader) tcp.getHeader(ViaHeader.NAME);
    assertThat(via.getBranch()).startsWith("z9hG4bK");
    assertThat(via.getTransport()).isEqualToIgnoringCase("TCP");
    assertThat(destination(udp)).isEqualTo(Peer.to(Transport.UDP,
        InetSocketAddress.createUnresolved("10.0.0.1", 5060)));
    assertThat(destination(tcp)).isEqualTo(Peer.to(Transport.TCP,
        InetSocketAddress.createUnresolved("gw.jio.example", 5080)));
  }

  @Test
  void eachRoundSendsAFreshProbeWithTheNextSequenceNumber() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 2));
    Request first = openProbes().get("airtel");
    answer(first, 200);

    timers.advance(INTERVAL);
    Request second = openProbes().get("airtel");

    assertThat(callId(second)).isNotEqualTo(callId(first));
    assertThat(((CSeqHeader) second.getHeader(CSeqHeader.NAME)).getSeqNumber()).isEqualTo(2);
  }

  @Test
  void isUnknownBeforeTheFirstAnswerAndUpAfterIt() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 2));
    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.UNKNOWN);

    answer(openProbes().get("airtel"), 200);

    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.UP);
    assertThat(monitor.isDown("airtel")).isFalse();
    assertThat(monitor.states()).containsExactly(Map.entry("airtel", TrunkState.UP));
  }

  @Test
  void twoSilentProbesInARowMarkTheTrunkDown() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 2));
    answer(openProbes().get("airtel"), 200);
    timers.advance(INTERVAL);

    timers.advance(TIMEOUT);
    assertThat(monitor.state("airtel")).as("after one silent probe").isEqualTo(TrunkState.UP);
    timers.advance(INTERVAL.minus(TIMEOUT));
    assertThat(openProbes()).as("the next round probes again").containsKey("airtel");
    timers.advance(TIMEOUT);

    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.DOWN);
    assertThat(monitor.isDown("airtel")).isTrue();
  }

  @Test
  void aTrunkThatNeverAnswersGoesFromUnknownToDown() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 3));

    timers.advance(INTERVAL.multipliedBy(2).plus(TIMEOUT).minusMillis(1));
    assertThat(monitor.state("airtel")).as("two failures of three").isEqualTo(TrunkState.UNKNOWN);
    timers.advance(Duration.ofMillis(1));

    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.DOWN);
  }

  @Test
  void anAnswerAfterTheTrunkWentDownMarksItUpAtOnce() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 2));
    timers.advance(INTERVAL.plus(TIMEOUT));
    assertThat(monitor.isDown("airtel")).isTrue();

    timers.advance(INTERVAL.minus(TIMEOUT));
    answer(openProbes().get("airtel"), 200);

    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.UP);
  }

  @Test
  void anAnswerEndsTheFailureStreak() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 2));
    timers.advance(TIMEOUT);
    timers.advance(INTERVAL.minus(TIMEOUT));
    answer(openProbes().get("airtel"), 200);

    timers.advance(INTERVAL.plus(TIMEOUT));

    assertThat(monitor.state("airtel")).as("one failure since the answer").isEqualTo(TrunkState.UP);
  }

  @Test
  void aLateAnswerToAProbeAlreadyGivenUpStillCountsAsLife() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 1));
    Request probe = openProbes().get("airtel");
    timers.advance(TIMEOUT);
    assertThat(monitor.isDown("airtel")).isTrue();

    answer(probe, 200);

    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.UP);
  }

  @Test
  void a503CountsAsAFailedProbeButA404AsAnAnswer() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 1));

    answer(openProbes().get("airtel"), 503);
    assertThat(monitor.state("airtel")).as("after 503").isEqualTo(TrunkState.DOWN);
    timers.advance(INTERVAL);
    answer(openProbes().get("airtel"), 404);

    assertThat(monitor.state("airtel")).as("after 404").isEqualTo(TrunkState.UP);
  }

  @Test
  void aProvisionalResponseDecidesNothing() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 1));

    answer(openProbes().get("airtel"), 100);
    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.UNKNOWN);
    timers.advance(TIMEOUT);

    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.DOWN);
  }

  @Test
  void aTransportErrorCountsAsAFailedProbeWithoutWaitingForTheTimeout() {
    transport.failAll(true);
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 2));
    assertThat(monitor.state("airtel")).as("one failure").isEqualTo(TrunkState.UNKNOWN);

    timers.advance(INTERVAL);

    assertThat(monitor.state("airtel")).as("down before the second probe's timeout")
        .isEqualTo(TrunkState.DOWN);
  }

  @Test
  void whileCallmaskIsBehindTheProbeTimeoutIsNotHeldAgainstTheTrunk() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 1));
    Request probe = openProbes().get("airtel");
    behind = true;

    timers.advance(TIMEOUT);
    assertThat(monitor.state("airtel")).as("not judged yet").isEqualTo(TrunkState.UNKNOWN);
    answer(probe, 200);

    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.UP);
  }

  @Test
  void whileCallmaskIsBehindASilentGatewayIsStillDownAtTimerF() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 1));
    behind = true;

    timers.advance(TIMEOUT);
    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.UNKNOWN);
    timers.advance(TimerSettings.RFC_DEFAULTS.t1().multipliedBy(64));

    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.DOWN);
  }

  @Test
  void timerFBeforeTheProbeTimeoutCountsAsAFailedProbe() {
    Duration timerF = TimerSettings.RFC_DEFAULTS.t1().multipliedBy(64);
    start(new TrunkProbeSettings(Duration.ofMinutes(5), timerF.plusSeconds(10), 1));

    timers.advance(timerF);

    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.DOWN);
  }

  @Test
  void aTrunkAddedLaterIsProbedFromTheNextRound() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 2));
    store.addTrunk(new Trunk("vi", "10.0.0.3", 5060, "udp", List.of()));
    assertThat(openProbes()).doesNotContainKey("vi");
    assertThat(monitor.state("vi")).isEqualTo(TrunkState.UNKNOWN);

    timers.advance(INTERVAL);
    answer(openProbes().get("vi"), 200);

    assertThat(monitor.state("vi")).isEqualTo(TrunkState.UP);
  }

  @Test
  void sendsNoSecondProbeWhileTheFirstIsStillOpen() {
    Duration interval = Duration.ofSeconds(1);
    start(new TrunkProbeSettings(interval, Duration.ofSeconds(5), 2));
    Request first = openProbes().get("airtel");

    timers.advance(interval.multipliedBy(4).plusMillis(1));
    assertThat(probeCallIds()).as("four rounds while the probe is open").hasSize(1);
    answer(first, 200);
    timers.advance(interval);

    assertThat(probeCallIds()).hasSize(2);
  }

  @Test
  void probingOffSendsNothingAndEveryTrunkStaysUnknown() {
    start(TrunkProbeSettings.OFF);

    timers.advance(Duration.ofMinutes(5));

    assertThat(transport.count()).isZero();
    assertThat(monitor.state("airtel")).isEqualTo(TrunkState.UNKNOWN);
    assertThat(monitor.isDown("airtel")).isFalse();
    assertThat(monitor.states()).isEmpty();
  }

  @Test
  void closingStopsTheRounds() {
    start(new TrunkProbeSettings(INTERVAL, TIMEOUT, 2));
    answer(openProbes().get("airtel"), 200);

    monitor.close();
    timers.advance(INTERVAL.multipliedBy(3));

    assertThat(probeCallIds()).hasSize(1);
    assertThat(timers.pending()).as("no round left scheduled").isZero();
  }

  private void start(TrunkProbeSettings settings) {
    monitor = new TrunkMonitor(store, layer, transport::advertised, timers, settings,
        () -> behind, Runnable::run);
    monitor.start();
  }

  /**
   * The newest probe per trunk name (known by the gateway it went to) that this test has not
   * answered. Retransmissions are the same probe again and do not count as newer.
   */
  private Map<String, Request> openProbes() {
    Map<String, String> trunkByHost = new LinkedHashMap<>();
    store.trunks().forEach(t -> trunkByHost.put(t.gatewayHost(), t.name()));
    Map<String, RecordingTransport.Sent> firstSends = new LinkedHashMap<>();
    for (RecordingTransport.Sent sent : transport.sent()) {
      if (sent.isRequest()) {
        firstSends.putIfAbsent(callId(sent.request()), sent);
      }
    }
    Map<String, Request> newest = new LinkedHashMap<>();
    firstSends.forEach((callId, sent) -> {
      if (!answered.contains(callId)) {
        newest.put(trunkByHost.get(sent.destination().remote().getHostString()), sent.request());
      }
    });
    return newest;
  }

  /** The distinct probes sent so far (retransmissions share their Call-ID). */
  private List<String> probeCallIds() {
    return transport.requests().stream().map(TrunkMonitorTest::callId).distinct().toList();
  }

  private void answer(Request probe, int status) {
    if (status >= 200) {
      answered.add(callId(probe));
    }
    Peer gateway = destination(probe);
    layer.onMessage(new InboundMessage(SipResponses.create(probe, status), gateway));
  }

  private Peer destination(Request probe) {
    return transport.sent().stream()
        .filter(s -> s.message() == probe)
        .map(RecordingTransport.Sent::destination)
        .findFirst()
        .orElseThrow();
  }

  private static String callId(Request request) {
    return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
  }

}
