package io.callmask.bench.transaction;

import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.NettyTimerService;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TimerSettings;
import io.callmask.sip.transaction.TransactionLayer;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What refusing one new call costs the transaction layer and the TU, in microseconds: the INVITE
 * in, the 503 out, the caller's ACK in. {@code stateful}: the 503 goes through a server
 * transaction (100 Trying first, Timer G armed, the ACK matched, the transaction kept for T4),
 * as callmask refused under overload before; {@code stateless}: the TU refuses it before it gets
 * a transaction (RFC 3261 §8.2.7). UDP, real timers (Netty's wheel), a transport that sends
 * nothing; messages are parsed once and re-identified per operation, so parsing (the same on both
 * sides) is left out. Run with {@code -prof io.callmask.bench.masking.CpuPerOperation} to count
 * the timer thread and the collector too.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RefusalBenchmark {

  private static final Peer PEER = NoOpTransport.farEnd(Transport.UDP);
  private static final String REQUEST = String.join("\r\n",
      "%1$s sip:+919800001111@192.0.2.10 SIP/2.0",
      "Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKbench;rport=5060;received=192.0.2.20",
      "Max-Forwards: 70",
      "From: <sip:+919800002222@192.0.2.20>;tag=bench-from",
      "To: <sip:+919800001111@192.0.2.10>%2$s",
      "Call-ID: bench-call@192.0.2.20",
      "CSeq: 1 %1$s",
      "Contact: <sip:caller@192.0.2.20:5060>",
      "Content-Length: 0",
      "",
      "");

  @Param({"stateful", "stateless"})
  public String refusal;

  private final AtomicLong calls = new AtomicLong();
  private NettyTimerService timers;
  private TransactionLayer layer;
  private Request invite;
  private Request ack;

  @Setup
  public void setUp() throws ParseException {
    timers = new NettyTimerService();
    layer = new TransactionLayer(new NoOpTransport(), timers, TimerSettings.RFC_DEFAULTS);
    layer.bind(new RefusingUser("stateless".equals(refusal)));
    invite = SipResponses.messageFactory().createRequest(String.format(REQUEST, "INVITE", ""));
    ack = SipResponses.messageFactory()
        .createRequest(String.format(REQUEST, "ACK", ";tag=refused"));
  }

  @TearDown
  public void tearDown() {
    layer.close();
    timers.close();
  }

  /** A new call refused: its INVITE and, with the INVITE's branch, the ACK of the 503. */
  @Benchmark
  public int refuseOneCall() throws ParseException {
    String branch = BranchId.next();
    String callId = "bench-" + calls.incrementAndGet() + "@192.0.2.20";
    identify(invite, branch, callId);
    layer.onMessage(new InboundMessage(invite, PEER));
    identify(ack, branch, callId);
    layer.onMessage(new InboundMessage(ack, PEER));
    return layer.size();
  }

  private static void identify(Request request, String branch, String callId)
      throws ParseException {
    ((ViaHeader) request.getHeader(ViaHeader.NAME)).setBranch(branch);
    ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).setCallId(callId);
  }

  /** Refuses every new INVITE with 503, before or within its transaction. */
  private static final class RefusingUser extends RequestsOnlyUser {
    private final boolean stateless;

    RefusingUser(boolean stateless) {
      this.stateless = stateless;
    }

    @Override
    public Response refuseStatelessly(Request invite, Peer from) {
      return stateless ? SipResponses.createStateless(invite, Response.SERVICE_UNAVAILABLE) : null;
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
      transaction.respond(
          SipResponses.create(transaction.request(), Response.SERVICE_UNAVAILABLE));
    }
  }
}
