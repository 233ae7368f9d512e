package io.callmask.bench.transaction;

import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.ClientTransaction;
import io.callmask.sip.transaction.NettyTimerService;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TimerSettings;
import io.callmask.sip.transaction.TransactionLayer;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The transaction layer's cost per message, in microseconds: each operation is one request and its
 * final response, so two messages. Over TCP, so that timers J and K are zero and every
 * transaction leaves the table within its operation (on UDP the work per message is the same, plus
 * one timer armed and cancelled). Messages are parsed once in setup and re-branched per operation:
 * parsing and encoding belong to the codec's benchmark, not this one. Timers are real (Netty's
 * wheel), the transport sends nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TransactionBenchmark {

  private static final Peer PEER = NoOpTransport.farEnd(Transport.TCP);
  private static final String OPTIONS = String.join("\r\n",
      "OPTIONS sip:+919800001111@192.0.2.10 SIP/2.0",
      "Via: SIP/2.0/TCP 192.0.2.20:5060;branch=z9hG4bKbench;rport=5060;received=192.0.2.20",
      "Max-Forwards: 70",
      "From: <sip:+919800002222@192.0.2.20>;tag=bench-from",
      "To: <sip:+919800001111@192.0.2.10>",
      "Call-ID: bench-call@192.0.2.20",
      "CSeq: 1 OPTIONS",
      "Content-Length: 0",
      "",
      "");

  private NettyTimerService timers;
  private TransactionLayer layer;
  private Request inbound;
  private ViaHeader inboundVia;
  private Request outgoing;
  private Response answer;
  private ViaHeader answerVia;
  private final ResponseListener listener = new IgnoringListener();

  @Setup
  public void setUp() throws ParseException {
    timers = new NettyTimerService();
    layer = new TransactionLayer(new NoOpTransport(), timers, TimerSettings.RFC_DEFAULTS);
    inbound = SipResponses.messageFactory().createRequest(OPTIONS);
    inboundVia = (ViaHeader) inbound.getHeader(ViaHeader.NAME);
    layer.bind(new AnsweringUser(SipResponses.create(inbound, Response.OK)));
    outgoing = SipResponses.messageFactory()
        .createRequest(OPTIONS.replaceFirst("Via: [^\r]*\r\n", ""));
    answer = SipResponses.create(inbound, Response.OK);
    answerVia = (ViaHeader) answer.getHeader(ViaHeader.NAME);
  }

  @TearDown
  public void tearDown() {
    layer.close();
    timers.close();
  }

  /** A server non-INVITE transaction: the request in, the TU's 200 out. */
  @Benchmark
  @OperationsPerInvocation(2)
  public int serverNonInvite() throws ParseException {
    inboundVia.setBranch(BranchId.next());
    layer.onMessage(new InboundMessage(inbound, PEER));
    return layer.size();
  }

  /** A client non-INVITE transaction: the request out (Via pushed), the 200 in. */
  @Benchmark
  @OperationsPerInvocation(2)
  public int clientNonInvite() throws ParseException {
    ClientTransaction transaction = layer.sendRequest(outgoing, PEER, listener);
    answerVia.setBranch(((ViaHeader) transaction.request().getHeader(ViaHeader.NAME)).getBranch());
    layer.onMessage(new InboundMessage(answer, PEER));
    outgoing.removeFirst(ViaHeader.NAME); // reuse the request without piling up Vias
    return layer.size();
  }

  /** Answers every request at once with a prepared 200, as a TU with nothing to look up would. */
  private static final class AnsweringUser extends RequestsOnlyUser {
    private final Response ok;

    AnsweringUser(Response ok) {
      this.ok = ok;
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
      transaction.respond(ok);
    }
  }

  private static final class IgnoringListener implements ResponseListener {
    @Override
    public void onResponse(Response response) { }

    @Override
    public void onTimeout() { }

    @Override
    public void onTransportError(Throwable cause) { }
  }
}
