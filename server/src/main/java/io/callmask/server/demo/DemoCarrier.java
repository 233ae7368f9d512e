package io.callmask.server.demo;

import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.NettyTimerService;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TimerSettings;
import io.callmask.sip.transaction.TransactionLayer;
import io.callmask.sip.transaction.TransactionUser;
import io.callmask.sip.transport.NettySipTransport;
import io.callmask.sip.transport.TransportSettings;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A carrier's SIP gateway, simulated on callmask's own SIP stack over UDP on loopback: it places
 * calls from a party's phone toward the server, and rings the party's phone when the server calls
 * it, answering 180 then 200 with SDP (or, when told, refusing the next call with a status, to
 * show failover). Every call it receives is kept for the transcript. Thread-safe.
 */
public final class DemoCarrier implements TransactionUser, AutoCloseable {

  private final String name;
  private final NettySipTransport transport;
  private final NettyTimerService timers = new NettyTimerService();
  private final TransactionLayer layer;
  private final BlockingQueue<ReceivedCall> received = new LinkedBlockingQueue<>();
  private final AtomicInteger refuseNext = new AtomicInteger();

  public DemoCarrier(String name) {
    this.name = name;
    this.transport = new NettySipTransport(TransportSettings
        .defaults(new InetSocketAddress("127.0.0.1", 0), null)
        .withWorkerThreads(1)
        .withShutdownQuietPeriod(Duration.ZERO));
    this.layer = new TransactionLayer(transport, timers, TimerSettings.RFC_DEFAULTS);
  }

  public void start() {
    layer.bind(this);
    transport.start(layer);
  }

  public String name() {
    return name;
  }

  /** Where this gateway listens: what a trunk's {@code --gateway} points at. */
  public HostPort address() {
    return transport.boundUdp();
  }

  /** The next call this gateway receives is refused with {@code status} (e.g. 503). */
  public void refuseNextCall(int status) {
    refuseNext.set(status);
  }

  /**
   * The phone {@code caller} dials {@code dialed}; this gateway sends the call to {@code server}.
   * Completes with the final status; an answered call is hung up at once.
   */
  public CompletableFuture<Integer> placeCall(String caller, String dialed, HostPort server) {
    Peer serverPeer = Peer.to(Transport.UDP, new InetSocketAddress(server.host(), server.port()));
    return new CallerSide(layer, serverPeer, address().toString(), caller, dialed).start();
  }

  /** The next call this gateway received, waiting up to {@code timeout} for it. */
  public Optional<ReceivedCall> nextReceived(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public void onRequest(ServerTransaction transaction) {
    Request request = transaction.request();
    switch (request.getMethod()) {
      case Request.INVITE -> ring(transaction);
      case Request.BYE, Request.OPTIONS, Request.UPDATE, Request.INFO, Request.PRACK ->
          transaction.respond(SipResponses.create(request, Response.OK));
      default -> transaction.respond(SipResponses.create(request, Response.NOT_IMPLEMENTED));
    }
  }

  @Override
  public void onCancel(ServerTransaction invite, Request cancel) {
    invite.respond(SipResponses.create(invite.request(), Response.REQUEST_TERMINATED));
  }

  @Override
  public void onAck(Request ack, Peer from) {
    // The ACK of our 2xx ends the INVITE's handshake; nothing to do for a phone that hangs up
    // only when the far end does.
  }

  @Override
  public void onStrayResponse(Response response, Peer from) {
    // A retransmitted 2xx after our BYE: the call is over either way.
  }

  @Override
  public void close() {
    transport.stop();
    layer.close();
    timers.close();
  }

  private void ring(ServerTransaction transaction) {
    Request invite = transaction.request();
    int refusal = refuseNext.getAndSet(0);
    int status = refusal == 0 ? Response.OK : refusal;
    received.add(new ReceivedCall(userOf(invite.getRequestURI()),
        userOf(CoreHeaders.from(invite).getAddress().getURI()),
        assertedIdentity(invite), status));
    if (refusal != 0) {
      transaction.respond(SipResponses.create(invite, refusal));
      return;
    }
    String tag = SipResponses.newTag();
    transaction.respond(SipResponses.create(invite, Response.RINGING, tag));
    transaction.respond(answer(invite, tag));
  }

  private Response answer(Request invite, String tag) {
    Response ok = SipResponses.create(invite, Response.OK, tag);
    HeaderFactory headers = SipHeaders.factory();
    try {
      String host = address().host();
      ok.setHeader(headers.createHeader(ContactHeader.NAME, "<sip:gateway@" + address() + ">"));
      ContentTypeHeader type = headers.createContentTypeHeader("application", "sdp");
      ok.setContent(Sdp.answer(host), type);
    } catch (ParseException e) {
      throw new IllegalStateException("an answer built from valid parts", e);
    }
    return ok;
  }

  private static Optional<String> assertedIdentity(Request invite) {
    var header = invite.getHeader("P-Asserted-Identity");
    if (header == null) {
      return Optional.empty();
    }
    String value = header.toString();
    int sip = value.indexOf("sip:");
    int at = value.indexOf('@', sip);
    return sip < 0 || at < 0 ? Optional.of(value.trim()) : Optional.of(value.substring(sip + 4, at));
  }

  private static String userOf(URI uri) {
    return uri instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : uri.toString();
  }
}
