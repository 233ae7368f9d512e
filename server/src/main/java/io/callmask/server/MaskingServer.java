package io.callmask.server;

import io.callmask.server.call.CallController;
import io.callmask.server.config.ApiTokens;
import io.callmask.server.config.ServerConfig;
import io.callmask.server.config.SipSettings;
import io.callmask.server.http.HttpApiServer;
import io.callmask.server.http.Router;
import io.callmask.server.http.SystemRoutes;
import io.callmask.server.metrics.ServerMetrics;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.NettyTimerService;
import io.callmask.sip.transaction.TransactionLayer;
import io.callmask.sip.transport.NettySipTransport;
import io.callmask.sip.transport.TransportSettings;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the server with {@code new}, starts them bottom-up
 * and stops them top-down. Not thread-safe: one thread starts and closes it.
 */
public final class MaskingServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MaskingServer.class);

  private final NettySipTransport transport;
  private final NettyTimerService timers;
  private final TransactionLayer transactions;
  private final CallController calls;
  private final HttpApiServer http;

  public MaskingServer(ServerConfig config) {
    this.transport = new NettySipTransport(transportSettings(config.sip()));
    this.timers = new NettyTimerService();
    this.transactions = new TransactionLayer(transport, timers, config.sip().timers());
    this.calls = new CallController();
    Router router = new Router();
    SystemRoutes.register(router, new ServerMetrics(transport, transactions));
    this.http = new HttpApiServer(config.httpListen(), router, ApiTokens.resolve(config));
  }

  /**
   * Binds the SIP listeners, then the HTTP API; from then on every request reaches the call
   * controller. On failure, whatever started is stopped again.
   */
  public void start() {
    transactions.bind(calls);
    transport.start(transactions);
    try {
      http.start();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    log.info("callmask serving SIP on UDP {} and TCP {}, HTTP API on {}",
        udpAddress().map(HostPort::toString).orElse("off"),
        tcpAddress().map(HostPort::toString).orElse("off"),
        httpAddress());
  }

  /** The bound HTTP API address. */
  public HostPort httpAddress() {
    return http.address();
  }

  /** The bound UDP address (the real port when the configuration asked for port 0). */
  public Optional<HostPort> udpAddress() {
    return transport.supports(Transport.UDP) ? Optional.of(transport.boundUdp()) : Optional.empty();
  }

  /** The bound TCP address (the real port when the configuration asked for port 0). */
  public Optional<HostPort> tcpAddress() {
    return transport.supports(Transport.TCP) ? Optional.of(transport.boundTcp()) : Optional.empty();
  }

  /** Stops the API, then stops taking SIP messages, then ends transactions and timers. Idempotent. */
  @Override
  public void close() {
    http.close();
    transport.stop();
    transactions.close();
    timers.close();
    log.info("callmask stopped");
  }

  private static TransportSettings transportSettings(SipSettings sip) {
    return new TransportSettings(
        sip.udp().map(MaskingServer::socketAddress).orElse(null),
        sip.tcp().map(MaskingServer::socketAddress).orElse(null),
        sip.advertisedHost(),
        sip.limits(),
        sip.tcpIdleTimeout(),
        TransportSettings.DEFAULT_CONNECT_TIMEOUT,
        Runtime.getRuntime().availableProcessors(),
        TransportSettings.DEFAULT_SHUTDOWN_QUIET_PERIOD);
  }

  private static InetSocketAddress socketAddress(HostPort hostPort) {
    return new InetSocketAddress(hostPort.host(), hostPort.port());
  }
}
