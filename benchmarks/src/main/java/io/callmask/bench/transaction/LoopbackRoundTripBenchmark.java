package io.callmask.bench.transaction;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.NettyTimerService;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TimerSettings;
import io.callmask.sip.transaction.TransactionLayer;
import io.callmask.sip.transaction.TransactionUser;
import io.callmask.sip.transport.NettySipTransport;
import io.callmask.sip.transport.TransportSettings;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A request/response round trip through two whole stacks on loopback UDP: codec, transport and
 * transaction layer on both sides (OPTIONS out, in, 200 out, in: four messages). {@code latency}
 * is one caller at a time; {@code throughput} keeps 16 callers outstanding so both cores are busy,
 * from which the CPU cost per message follows (cores / (4 × round trips per second)). The JIT
 * needs about ten seconds to settle here, hence the long warm-up.
 */
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoopbackRoundTripBenchmark {

  /** Two stacks on 127.0.0.1: a client and a server whose TU answers every request 200. */
  @State(Scope.Benchmark)
  public static class Stacks {
    NettySipTransport serverTransport;
    NettySipTransport clientTransport;
    NettyTimerService timers;
    TransactionLayer server;
    TransactionLayer client;
    Peer serverPeer;
    Request template;

    @Setup(Level.Trial)
    public void start() throws ParseException {
      timers = new NettyTimerService();
      serverTransport = new NettySipTransport(settings());
      clientTransport = new NettySipTransport(settings());
      server = new TransactionLayer(serverTransport, timers, TimerSettings.RFC_DEFAULTS);
      client = new TransactionLayer(clientTransport, timers, TimerSettings.RFC_DEFAULTS);
      server.bind(new AnsweringUser());
      client.bind(new AnsweringUser());
      serverTransport.start(server);
      clientTransport.start(client);
      HostPort bound = serverTransport.boundUdp();
      serverPeer = Peer.to(Transport.UDP, new InetSocketAddress(bound.host(), bound.port()));
      template = SipResponses.messageFactory().createRequest(String.join("\r\n",
          "OPTIONS sip:+919800001111@" + bound + " SIP/2.0",
          "Max-Forwards: 70",
          "From: <sip:+919800002222@127.0.0.1>;tag=bench",
          "To: <sip:+919800001111@" + bound + ">",
          "Call-ID: template",
          "CSeq: 1 OPTIONS",
          "Content-Length: 0",
          "",
          ""));
    }

    @TearDown(Level.Trial)
    public void stop() {
      clientTransport.stop();
      serverTransport.stop();
      client.close();
      server.close();
      timers.close();
    }

    private static TransportSettings settings() {
      // One event loop each: two stacks share the machine's two cores.
      return TransportSettings.defaults(new InetSocketAddress("127.0.0.1", 0), null)
          .withWorkerThreads(1);
    }

    Response roundTrip() throws Exception {
      Request request = (Request) template.clone();
      ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).setCallId(UUID.randomUUID().toString());
      CompletableFuture<Response> answer = new CompletableFuture<>();
      client.sendRequest(request, serverPeer, new ResponseListener() {
        @Override
        public void onResponse(Response response) {
          if (response.getStatusCode() >= 200) {
            answer.complete(response);
          }
        }

        @Override
        public void onTimeout() {
          answer.completeExceptionally(new IllegalStateException("timeout"));
        }

        @Override
        public void onTransportError(Throwable cause) {
          answer.completeExceptionally(cause);
        }
      });
      return answer.get(5, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Response latency(Stacks stacks) throws Exception {
    return stacks.roundTrip();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(16)
  public Response throughput(Stacks stacks) throws Exception {
    return stacks.roundTrip();
  }

  /** Answers every request 200 at once. */
  private static final class AnsweringUser implements TransactionUser {
    @Override
    public void onRequest(ServerTransaction transaction) {
      transaction.respond(SipResponses.create(transaction.request(), Response.OK));
    }

    @Override
    public void onCancel(ServerTransaction invite, Request cancel) {
      invite.respond(SipResponses.create(invite.request(), Response.REQUEST_TERMINATED));
    }

    @Override
    public void onAck(Request ack, Peer from) {}

    @Override
    public void onStrayResponse(Response response, Peer from) {}
  }
}
