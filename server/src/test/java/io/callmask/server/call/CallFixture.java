package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.calls.CallRecord;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Presentation;
import io.callmask.server.masking.RouteOutcome;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.Side;
import io.callmask.server.masking.Trunk;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.ManualTimerService;
import io.callmask.sip.transaction.RecordingTransport;
import io.callmask.sip.transaction.TimerSettings;
import io.callmask.sip.transaction.TransactionLayer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import io.callmask.sip.message.SipResponses;
import java.text.ParseException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A call controller on a real transaction layer over a recording transport, with hand-driven
 * timers, a fake route lookup (one session: the customer {@link #CALLER} dials {@link #DIALED} to
 * reach the partner {@link #CALLEE}, shown {@link #PRIMARY} through trunk t1 or {@link #BACKUP}
 * through t2) and recording call log and number outcomes.
 */
final class CallFixture {

  static final PhoneNumber CALLER = PhoneNumber.of("+919845011111");
  static final PhoneNumber CALLEE = PhoneNumber.of("+919887654321");
  static final PhoneNumber DIALED = PhoneNumber.of("+918040000001");
  static final PhoneNumber PRIMARY = PhoneNumber.of("+918040000002");
  static final PhoneNumber BACKUP = PhoneNumber.of("+918040000003");
  static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.10", 5060);
  static final InetSocketAddress CALLER_CARRIER = new InetSocketAddress(CallerCarrier.HOST, 5060);
  static final InetSocketAddress PRIMARY_GATEWAY = new InetSocketAddress("198.51.100.1", 5060);
  static final InetSocketAddress BACKUP_GATEWAY = new InetSocketAddress("198.51.100.2", 5060);
  static final Duration FAILOVER = Duration.ofSeconds(2);
  static final MaskingSession SESSION = new MaskingSession("session-1", Optional.empty(), "KA",
      MaskingSession.Status.ACTIVE,
      new SessionSide(CALLER, DIALED, PhoneNumber.of("+918040000004"), false),
      new SessionSide(CALLEE, PRIMARY, BACKUP, false),
      Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), Optional.empty());

  final RecordingTransport transport = new RecordingTransport();
  final ManualTimerService timers = new ManualTimerService();
  final TransactionLayer layer =
      new TransactionLayer(transport, timers, TimerSettings.RFC_DEFAULTS);
  final List<CallRecord> records = new CopyOnWriteArrayList<>();
  /** Number outcomes as {@code "+E164 DIRECTION failed|ok"}. */
  final List<String> outcomes = new CopyOnWriteArrayList<>();
  final Set<String> downTrunks = ConcurrentHashMap.newKeySet();
  /** How late carriers' first responses came, on the hand-driven clock. */
  final ResponseDelays delays;
  /** The lag from which the fixture's controller refuses new calls. */
  static final Duration OVERLOAD_LIMIT = Duration.ofMillis(200);
  /** How late the SIP event loops run, as the controller's {@link Overload} sees it. */
  volatile Duration inputLag = Duration.ZERO;
  /** Whether the router knows routes in memory (else every call waits for the lookup executor). */
  volatile boolean routesInMemory;
  /** Whether the router's memory throws. */
  volatile boolean memoryFails;
  volatile RouteOutcome route = new RouteOutcome.Routed(SESSION, Side.CUSTOMER, CALLEE,
      new Presentation(PRIMARY, "t1"), new Presentation(BACKUP, "t2"));
  final TrunkDirectory trunks = new TrunkDirectory(() -> List.of(
      new Trunk("carrier-a", CallerCarrier.HOST, 5060, "udp", List.of()),
      new Trunk("t1", "198.51.100.1", 5060, "udp", List.of()),
      new Trunk("t2", "198.51.100.2", 5060, "udp", List.of())));
  final CallController controller;

  CallFixture() {
    this(IdentityRewriter.STANDARD, Runnable::run);
  }

  CallFixture(IdentityRewriter rewriter, Executor lookups) {
    this(rewriter, lookups, new CallSettings(FAILOVER, "IN"));
  }

  /** With click-to-call timing of its own. */
  CallFixture(CallSettings settings) {
    this(IdentityRewriter.STANDARD, Runnable::run, settings);
  }

  CallFixture(IdentityRewriter rewriter, Executor lookups, CallSettings settings) {
    trunks.refresh();
    delays = new ResponseDelays(settings.failoverTimeout().dividedBy(2),
        () -> timers.elapsed().toNanos());
    controller = new CallController(new CallServices(layer, transport, timers, lookups,
        new CallRouter() {
          @Override
          public RouteOutcome route(PhoneNumber dialed, PhoneNumber caller) {
            return dialed.equals(DIALED) && caller.equals(CALLER)
                ? route : new RouteOutcome.NoSession();
          }

          @Override
          public Optional<RouteOutcome> routeInMemory(PhoneNumber dialed, PhoneNumber caller) {
            if (memoryFails) {
              throw new IllegalStateException("memory failed");
            }
            return routesInMemory ? Optional.of(route(dialed, caller)) : Optional.empty();
          }
        },
        trunks, trunk -> downTrunks.contains(trunk), records::add,
        (number, direction, failed) -> outcomes.add(number.e164() + " " + direction + " "
            + (failed ? "failed" : "ok")),
        delays,
        Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC),
        settings, rewriter, new Overload(() -> inputLag, OVERLOAD_LIMIT)));
    layer.bind(controller);
  }

  /** The customer's backup proxy, on trunk t2. */
  static final PhoneNumber CALLER_BACKUP = PhoneNumber.of("+918040000004");

  /**
   * A click-to-call asked for by the customer {@link #CALLER}: called first through the caller's
   * carrier (trunk carrier-a) presenting {@link #DIALED}, backup t2; then the partner {@link
   * #CALLEE} through t1 presenting {@link #PRIMARY}, backup {@link #BACKUP} through t2.
   */
  static ClickToCallPlan clickToCallPlan() {
    return new ClickToCallPlan(SESSION, Side.CUSTOMER,
        new CalleeAttempts.Target(CALLER, new Presentation(DIALED, "carrier-a"),
            new Presentation(CALLER_BACKUP, "t2")),
        new CalleeAttempts.Target(CALLEE, new Presentation(PRIMARY, "t1"),
            new Presentation(BACKUP, "t2")));
  }

  /** {@code message} arrives from the caller's carrier. */
  void fromCaller(Message message) {
    from(CALLER_CARRIER, message);
  }

  /** {@code message} arrives from {@code address}. */
  void from(InetSocketAddress address, Message message) {
    layer.onMessage(new InboundMessage(message, new Peer(Transport.UDP, address, LOCAL)));
  }

  /** Messages sent to {@code address}, oldest first. */
  List<Message> sentTo(InetSocketAddress address) {
    return transport.sent().stream()
        .filter(sent -> sent.destination().remote().equals(address))
        .map(RecordingTransport.Sent::message)
        .toList();
  }

  List<Request> requestsTo(InetSocketAddress address, String method) {
    return sentTo(address).stream()
        .filter(m -> m instanceof Request r && r.getMethod().equals(method))
        .map(Request.class::cast)
        .toList();
  }

  Request lastRequestTo(InetSocketAddress address, String method) {
    List<Request> requests = requestsTo(address, method);
    assertThat(requests).as("%s sent to %s", method, address).isNotEmpty();
    return requests.get(requests.size() - 1);
  }

  List<Integer> statusesTo(InetSocketAddress address) {
    return responsesTo(address).stream().map(Response::getStatusCode).toList();
  }

  /** Statuses of the responses to INVITEs sent to {@code address}. */
  List<Integer> inviteStatusesTo(InetSocketAddress address) {
    return responsesTo(address).stream()
        .filter(r -> ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod().equals("INVITE"))
        .map(Response::getStatusCode)
        .toList();
  }

  /** The far end's 200 to a {@code request} callmask sent it. */
  static Response ok(Request request) {
    try {
      Response ok = SipResponses.messageFactory().createResponse(Response.OK, request);
      ToHeader to = (ToHeader) ok.getHeader(ToHeader.NAME);
      if (to.getTag() == null) {
        to.setTag("far-end-tag");
      }
      return ok;
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  List<Response> responsesTo(InetSocketAddress address) {
    return sentTo(address).stream()
        .filter(Response.class::isInstance)
        .map(Response.class::cast)
        .toList();
  }

  Response lastResponseTo(InetSocketAddress address, int status) {
    List<Response> matching = responsesTo(address).stream()
        .filter(r -> r.getStatusCode() == status)
        .toList();
    assertThat(matching).as("%d sent to %s", status, address).isNotEmpty();
    return matching.get(matching.size() - 1);
  }

  /** Everything sent to {@code address} as text, for leak checks. */
  String textSentTo(InetSocketAddress address) {
    StringBuilder text = new StringBuilder();
    sentTo(address).forEach(message -> text.append(message).append("\n"));
    return text.toString();
  }

  CallRecord lastRecord() {
    assertThat(records).isNotEmpty();
    return records.get(records.size() - 1);
  }

  void advance(Duration time) {
    timers.advance(time);
  }

  /** Lets every timer run out, then checks that nothing of any call is left anywhere. */
  void assertNothingLeft() {
    timers.advance(Duration.ofMinutes(10));
    assertThat(controller.liveCalls()).as("live calls").isZero();
    assertThat(controller.dialogs()).as("dialogs").isZero();
    assertThat(layer.size()).as("transactions").isZero();
    assertThat(timers.pending()).as("timers").isZero();
  }
}
