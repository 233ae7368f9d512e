package io.callmask.sip.transport;

import io.callmask.sip.codec.CodecLimits;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link NettySipTransport} listens and behaves. Immutable and validated on construction.
 *
 * @param udpListen where to listen for UDP, or null to disable UDP; port 0 picks a free port
 * @param tcpListen where to listen for TCP, or null to disable TCP; port 0 picks a free port
 * @param advertisedHost the host written in Via sent-by and Contact; null means the listen host,
 *     which must then not be a wildcard address
 * @param limits the codec's size limits
 * @param tcpIdleTimeout a TCP connection with no traffic either way for this long is closed; RFC
 *     3261 §18 asks for at least a transaction's lifetime (64·T1 = 32 s)
 * @param connectTimeout how long opening a TCP connection may take before the send fails
 * @param workerThreads event loop threads; with epoll, also the number of UDP sockets sharing the
 *     port
 * @param shutdownQuietPeriod how long the event loops wait for late tasks when stopping (0 in
 *     tests; stopping never takes longer than this plus a few seconds)
 * @param udpSocketBuffer bytes asked for each UDP socket's receive and send buffers (SO_RCVBUF,
 *     SO_SNDBUF), 0 for the system's default. A datagram arriving while the buffer is full is
 *     dropped by the kernel, and on UDP a drop costs a retransmission half a second later (or, for
 *     a 180, is lost): the buffer must hold what arrives during a garbage-collection pause or a
 *     burst. The kernel caps it at {@code net.core.rmem_max} / {@code wmem_max}.
 */
public record TransportSettings(
    InetSocketAddress udpListen,
    InetSocketAddress tcpListen,
    String advertisedHost,
    CodecLimits limits,
    Duration tcpIdleTimeout,
    Duration connectTimeout,
    int workerThreads,
    Duration shutdownQuietPeriod,
    int udpSocketBuffer) {

  /** Idle TCP connections close after three minutes: longer than any transaction, incl. Timer C. */
  public static final Duration DEFAULT_TCP_IDLE_TIMEOUT = Duration.ofMinutes(3);

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public static final Duration DEFAULT_SHUTDOWN_QUIET_PERIOD = Duration.ofMillis(200);

  /** 4 MiB: a second of signalling at several thousand calls per second. */
  public static final int DEFAULT_UDP_SOCKET_BUFFER = 4 << 20;

  public TransportSettings {
    if (udpListen == null && tcpListen == null) {
      throw new IllegalArgumentException("need a UDP or a TCP listen address");
    }
    Objects.requireNonNull(limits, "limits");
    requirePositive(tcpIdleTimeout, "tcpIdleTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    Objects.requireNonNull(shutdownQuietPeriod, "shutdownQuietPeriod");
    if (shutdownQuietPeriod.isNegative()) {
      throw new IllegalArgumentException("shutdownQuietPeriod must not be negative");
    }
    if (udpSocketBuffer < 0) {
      throw new IllegalArgumentException("udpSocketBuffer must not be negative");
    }
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads must be at least 1, got " + workerThreads);
    }
    if (advertisedHost != null && advertisedHost.isBlank()) {
      throw new IllegalArgumentException("advertisedHost must not be blank");
    }
    if (advertisedHost == null && (isWildcard(udpListen) || isWildcard(tcpListen))) {
      throw new IllegalArgumentException(
          "advertisedHost is required when listening on a wildcard address");
    }
  }

  /**
   * Settings with the defaults: default codec limits, three-minute TCP idle timeout, five-second
   * connect timeout, one event loop per core, 4 MiB UDP socket buffers.
   *
   * @param advertisedHost null to advertise the listen host
   */
  public static TransportSettings defaults(
      InetSocketAddress udpListen, InetSocketAddress tcpListen, String advertisedHost) {
    return new TransportSettings(udpListen, tcpListen, advertisedHost, CodecLimits.DEFAULTS,
        DEFAULT_TCP_IDLE_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
        Runtime.getRuntime().availableProcessors(), DEFAULT_SHUTDOWN_QUIET_PERIOD,
        DEFAULT_UDP_SOCKET_BUFFER);
  }

  /** The defaults, advertising the listen host. */
  public static TransportSettings defaults(InetSocketAddress udpListen, InetSocketAddress tcpListen) {
    return defaults(udpListen, tcpListen, null);
  }

  public TransportSettings withAdvertisedHost(String host) {
    return new TransportSettings(udpListen, tcpListen, host, limits, tcpIdleTimeout,
        connectTimeout, workerThreads, shutdownQuietPeriod, udpSocketBuffer);
  }

  public TransportSettings withTcpIdleTimeout(Duration timeout) {
    return new TransportSettings(udpListen, tcpListen, advertisedHost, limits, timeout,
        connectTimeout, workerThreads, shutdownQuietPeriod, udpSocketBuffer);
  }

  public TransportSettings withWorkerThreads(int threads) {
    return new TransportSettings(udpListen, tcpListen, advertisedHost, limits, tcpIdleTimeout,
        connectTimeout, threads, shutdownQuietPeriod, udpSocketBuffer);
  }

  public TransportSettings withShutdownQuietPeriod(Duration quietPeriod) {
    return new TransportSettings(udpListen, tcpListen, advertisedHost, limits, tcpIdleTimeout,
        connectTimeout, workerThreads, quietPeriod, udpSocketBuffer);
  }

  public TransportSettings withUdpSocketBuffer(int bytes) {
    return new TransportSettings(udpListen, tcpListen, advertisedHost, limits, tcpIdleTimeout,
        connectTimeout, workerThreads, shutdownQuietPeriod, bytes);
  }

  /** The host to advertise for a socket listening on {@code listen}. */
  String advertisedHostFor(InetSocketAddress listen) {
    return advertisedHost != null ? advertisedHost : listen.getHostString();
  }

  private static boolean isWildcard(InetSocketAddress address) {
    return address != null && address.getAddress() != null
        && address.getAddress().isAnyLocalAddress();
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
  }
}
