package io.callmask.sip.transport;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over UDP and TCP on Netty (RFC 3261 §18, RFC 3581): listens, decodes, stamps and hands
 * inbound messages to an {@link InboundListener}, and sends what the layer above asks for.
 *
 * <p>Runs on native epoll where {@code Epoll.isAvailable()}, else on NIO. With epoll, UDP binds one
 * socket per event loop on the same port with SO_REUSEPORT, so the kernel spreads UDP load over
 * all cores by source address; a decoded datagram is then handled on the loop of its Call-ID, so
 * that one busy peer's calls use every core too. TCP connections are spread over the same loops
 * as they are accepted or opened, and their messages are handled on their connection's loop.
 *
 * <p>TCP connections, accepted and opened, are kept in one table keyed by the far end's address, so
 * that responses go back on the connection their request came in on and further requests to a
 * peer reuse the open connection. Idle connections close after {@code tcpIdleTimeout}.
 *
 * <p>Lifecycle: {@link #start(InboundListener)} binds (port 0 picks free ports; {@link
 * #boundUdp()} and {@link #boundTcp()} tell which); {@link #stop()} closes the listening sockets,
 * then the connections, then the event loops. Both block briefly and must not be called from an
 * event loop.
 *
 * <p>Sending is thread-safe and never blocks: destinations given as host names are resolved on a
 * small resolver pool, never on an event loop. A UDP message is encoded on the calling thread, a
 * TCP one on its connection's event loop, so the caller must not modify a message until its send
 * stage completes.
 */
public final class NettySipTransport implements SipTransport, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NettySipTransport.class);

  /** Bound on the wait for sockets to close when stopping; beyond it the event loops close them. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private enum State { NEW, RUNNING, STOPPED }

  /** What exists while running; published once through the volatile field. */
  private record Running(EventLoopGroup group, UdpEndpoint udp, TcpEndpoint tcp,
      ExecutorService resolver, InputLag lag) {}

  private final TransportSettings settings;
  private final TransportCounters counters = new TransportCounters();
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private volatile Running running;

  public NettySipTransport(TransportSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Binds the configured listeners and hands every inbound message to {@code listener} from then
   * on. Blocks until bound. The listener comes here rather than in the constructor because the
   * layer above usually needs the transport to exist first.
   *
   * @throws IllegalStateException if already started, or a listen address cannot be bound (then
   *     nothing stays open)
   */
  public void start(InboundListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("transport already started");
    }
    EventLoopKind kind = EventLoopKind.detect();
    EventLoopGroup group = kind.newGroup(settings.workerThreads(), "sip-io");
    // Datagrams carry no order between calls, so their work is spread over the loops by Call-ID;
    // a TCP connection's messages stay on its loop, in the order of the stream.
    InboundDispatcher datagrams = new InboundDispatcher(listener, counters, this::namesThisNode,
        CallWorkers.of(group));
    InboundDispatcher streams = new InboundDispatcher(listener, counters, this::namesThisNode,
        CallWorkers.inline());
    InputLag lag = new InputLag(System::nanoTime, LoopLag.probe(group)::worstNanos);
    UdpEndpoint udp = null;
    try {
      if (settings.udpListen() != null) {
        udp = UdpEndpoint.bind(settings.udpListen(), kind, group, settings.workerThreads(),
            settings.udpSocketBuffer(),
            new UdpChannelInitializer(settings.limits(), datagrams, new UdpErrorGuard(), lag));
      }
      TcpEndpoint tcp = settings.tcpListen() == null ? null
          : TcpEndpoint.bind(settings.tcpListen(), kind, group, settings, streams);
      running = new Running(group, udp, tcp, newResolver(), lag);
    } catch (RuntimeException e) {
      if (udp != null) {
        udp.close();
      }
      shutDown(group);
      state.set(State.STOPPED);
      throw e;
    }
    LOG.info("SIP transport on {}: UDP {}, TCP {}", kind,
        udp == null ? "off" : udp.localAddress(),
        running.tcp() == null ? "off" : running.tcp().localAddress());
  }

  /**
   * Closes the listening sockets, then connections, then the event loops, waiting a bounded time
   * for each. Idempotent. Call it from the thread that called {@link #start}, never concurrently.
   */
  public void stop() {
    if (state.getAndSet(State.STOPPED) != State.RUNNING) {
      return;
    }
    Running r = running;
    if (r == null) {
      return;
    }
    CompletableFuture<Void> sockets = CompletableFuture.allOf(
        r.udp() == null ? CompletableFuture.completedFuture(null) : r.udp().close(),
        r.tcp() == null ? CompletableFuture.completedFuture(null) : r.tcp().closeListener());
    await(sockets, "listening sockets");
    if (r.tcp() != null) {
      await(r.tcp().closeConnections(), "connections");
    }
    r.resolver().shutdownNow();
    shutDown(r.group());
    LOG.info("SIP transport stopped ({})", counters);
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The stage may complete on an event loop: actions chained to it must not block.
   */
  @Override
  public CompletionStage<Void> send(Message message, Peer destination) {
    Objects.requireNonNull(message, "message");
    return send(destination, message);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The bytes go out as they are. The stage may complete on an event loop: actions chained to
   * it must not block.
   */
  @Override
  public CompletionStage<Void> send(EncodedMessage message, Peer destination) {
    Objects.requireNonNull(message, "message");
    return send(destination, message);
  }

  /** Sends {@code message}, a {@link Message} or an {@link EncodedMessage}. */
  private CompletionStage<Void> send(Peer destination, Object message) {
    Objects.requireNonNull(destination, "destination");
    Running r = running;
    CompletableFuture<Void> sent;
    if (state.get() != State.RUNNING || r == null) {
      sent = CompletableFuture.failedFuture(new IllegalStateException("transport not running"));
    } else if (!supports(destination.transport())) {
      sent = CompletableFuture.failedFuture(
          new IllegalArgumentException(destination.transport() + " is not enabled"));
    } else {
      sent = resolve(destination.remote(), r.resolver()).thenCompose(address ->
          destination.transport() == Transport.UDP
              ? r.udp().send(message, address)
              : r.tcp().send(message, address));
    }
    sent.whenComplete((ok, failure) -> {
      if (failure != null) {
        counters.countSendFailure();
        LOG.debug("send to {} failed", destination, failure);
      }
    });
    return sent;
  }

  @Override
  public HostPort advertised(Transport transport) {
    return new HostPort(settings.advertisedHostFor(listenAddress(transport)),
        bound(transport).getPort());
  }

  @Override
  public boolean supports(Transport transport) {
    return listenAddress(transport) != null;
  }

  /** The UDP socket's actual address, e.g. to learn the port picked for port 0. */
  public HostPort boundUdp() {
    return hostPort(bound(Transport.UDP));
  }

  /** The TCP listener's actual address. */
  public HostPort boundTcp() {
    return hostPort(bound(Transport.TCP));
  }

  /** What the transport has seen so far. */
  public TransportCounters counters() {
    return counters;
  }

  /**
   * How far behind its input the transport is: the worst of how late the event loops run their
   * queued work and how long datagrams have waited in a socket's buffer (see {@link InputLag}).
   * Zero while it keeps up, and when not running (a stopped loop's last probe never runs).
   */
  public Duration inputLag() {
    Running r = running;
    return r == null || state.get() != State.RUNNING
        ? Duration.ZERO : Duration.ofNanos(r.lag().worstNanos());
  }

  /** TCP connections open or opening, accepted and opened. */
  public int openConnections() {
    Running r = running;
    return r == null || r.tcp() == null ? 0 : r.tcp().connectionCount();
  }

  /** Whether a response's top Via carries a sent-by this node advertises (§18.1.2). */
  private boolean namesThisNode(ViaHeader via) {
    if (running == null) {
      // A datagram can arrive while start() is still binding TCP: no request of ours is out yet.
      return false;
    }
    ViaSentBy sentBy = ViaSentBy.of(via);
    for (Transport transport : Transport.values()) {
      if (supports(transport)) {
        HostPort own = advertised(transport);
        if (sentBy.names(own.host(), own.port())) {
          return true;
        }
      }
    }
    return false;
  }

  private InetSocketAddress listenAddress(Transport transport) {
    return transport == Transport.UDP ? settings.udpListen() : settings.tcpListen();
  }

  private InetSocketAddress bound(Transport transport) {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("transport not started");
    }
    if (transport == Transport.UDP && r.udp() != null) {
      return r.udp().localAddress();
    }
    if (transport == Transport.TCP && r.tcp() != null) {
      return r.tcp().localAddress();
    }
    throw new IllegalStateException(transport + " is not enabled");
  }

  private static HostPort hostPort(InetSocketAddress address) {
    return new HostPort(address.getHostString(), address.getPort());
  }

  /** Resolves host names off the event loops; addresses already resolved pass straight through. */
  private static CompletableFuture<InetSocketAddress> resolve(
      InetSocketAddress address, ExecutorService resolver) {
    if (!address.isUnresolved()) {
      return CompletableFuture.completedFuture(address);
    }
    try {
      return CompletableFuture.supplyAsync(() -> {
        InetSocketAddress resolved =
            new InetSocketAddress(address.getHostString(), address.getPort());
        if (resolved.isUnresolved()) {
          throw new CompletionException(new UnknownHostException(address.getHostString()));
        }
        return resolved;
      }, resolver);
    } catch (RejectedExecutionException e) {
      // stop() shut the pool down between this send's state check and now
      return CompletableFuture.failedFuture(new IllegalStateException("transport stopped", e));
    }
  }

  private static ExecutorService newResolver() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new DefaultThreadFactory("sip-resolver", true));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private void shutDown(EventLoopGroup group) {
    long quiet = settings.shutdownQuietPeriod().toMillis();
    group.shutdownGracefully(quiet, quiet + CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(quiet + 2 * CLOSE_WAIT.toMillis());
  }

  private static void await(CompletableFuture<Void> closing, String what) {
    try {
      closing.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("{} did not close within {}; the event loops will close them", what, CLOSE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.debug("closing {} failed", what, e.getCause());
    }
  }
}
