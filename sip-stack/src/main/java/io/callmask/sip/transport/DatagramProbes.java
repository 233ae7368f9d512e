package io.callmask.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a datagram waits before callmask reads it, measured: every {@link #INTERVAL} a probe
 * datagram goes to the UDP sockets from sockets of our own, and a handler first in each socket's
 * pipeline ({@link #newCatcher}) takes it out and times it. The wait covers the kernel's buffer
 * and a busy event loop alike, the way a carrier's datagram goes; a probe not caught yet counts
 * with its age, so that a stalled socket shows at once rather than once it is read again.
 *
 * <p>This replaces reading the wait off Netty's read bursts (a socket whose every burst came back
 * full counted as waiting since its last short burst): near capacity the bursts stay full while
 * each datagram waits only briefly, and that count told of backlogs that were not there.
 *
 * <p>With SO_REUSEPORT the kernel spreads datagrams over the sockets by source address, so probes
 * leave from {@link #SOURCES_PER_SOCKET} source ports per socket, in turn: every socket almost
 * surely gets some (with two sockets, all eight sources miss one with odds of 1 in 128).
 *
 * <p>Thread-safe: probes are sent from their own thread and caught on the sockets' loops.
 */
final class DatagramProbes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DatagramProbes.class);

  /** Often enough to see a wait within a few of them; 50 datagrams a second cost nothing. */
  static final Duration INTERVAL = Duration.ofMillis(20);
  private static final int SOURCES_PER_SOCKET = 4;
  /** A probe not caught in this long was dropped, not delayed: the ledger's memory. */
  private static final long FORGET_AFTER_NANOS = INTERVAL.toNanos() * (ProbeLedger.SLOTS - 1);

  private final ProbeLedger ledger;
  private final List<Catcher> catchers = new CopyOnWriteArrayList<>();
  /** Where probes come from: a datagram from elsewhere is never taken for one. */
  private volatile Set<InetSocketAddress> sources = Set.of();
  /** Guarded by this. */
  private ScheduledExecutorService sender;
  /** Guarded by this. */
  private List<DatagramChannel> channels = List.of();

  DatagramProbes() {
    this(new ProbeLedger(new SecureRandom().nextLong(), System::nanoTime));
  }

  DatagramProbes(ProbeLedger ledger) {
    this.ledger = ledger;
  }

  /** The handler to put first in a new UDP socket's pipeline; one per socket. */
  ChannelHandler newCatcher() {
    Catcher catcher = new Catcher();
    catchers.add(catcher);
    return catcher;
  }

  /**
   * Starts probing the {@code sockets} UDP sockets bound to {@code bound} (a wildcard address is
   * reached on loopback).
   *
   * @throws IOException if the probes' own sockets cannot be opened
   */
  synchronized void start(InetSocketAddress bound, int sockets) throws IOException {
    if (sender != null) {
      throw new IllegalStateException("probes already started");
    }
    InetSocketAddress target = reachable(bound);
    List<DatagramChannel> opened = new ArrayList<>();
    Set<InetSocketAddress> from = new HashSet<>();
    try {
      for (int i = 0; i < sockets * SOURCES_PER_SOCKET; i++) {
        DatagramChannel channel = DatagramChannel.open(
            target.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
        opened.add(channel);
        channel.configureBlocking(false);
        channel.bind(new InetSocketAddress(target.getAddress(), 0));
        from.add((InetSocketAddress) channel.getLocalAddress());
      }
    } catch (IOException | RuntimeException e) {
      closeAll(opened);
      throw e;
    }
    channels = List.copyOf(opened);
    sources = Set.copyOf(from);
    sender = Executors.newSingleThreadScheduledExecutor(
        new DefaultThreadFactory("sip-input-probe", true));
    List<DatagramChannel> turns = channels;
    sender.scheduleAtFixedRate(new Runnable() {
      private int turn;

      @Override
      public void run() {
        send(turns.get(turn++ % turns.size()), target);
      }
    }, 0, INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void send(DatagramChannel from, InetSocketAddress target) {
    try {
      if (from.send(ledger.issue(), target) == 0) {
        ledger.withdrawLast();
      }
    } catch (IOException | RuntimeException e) {
      ledger.withdrawLast();
      LOG.debug("input probe to {} not sent: {}", target, e.toString());
    }
  }

  /** The longest a datagram waits now, in nanoseconds; 0 while the sockets keep up. */
  long worstNanos() {
    long worst = ledger.oldestWaitingNanos(FORGET_AFTER_NANOS);
    for (Catcher catcher : catchers) {
      worst = Math.max(worst, catcher.lastWaitNanos);
    }
    return worst;
  }

  /** Stops probing and closes the probes' sockets. Idempotent. */
  @Override
  public synchronized void close() {
    if (sender != null) {
      sender.shutdownNow();
    }
    closeAll(channels);
    channels = List.of();
  }

  /** Where to send to reach a socket bound to {@code bound}: loopback for a wildcard address. */
  private static InetSocketAddress reachable(InetSocketAddress bound) {
    InetAddress address = bound.getAddress();
    if (address != null && !address.isAnyLocalAddress()) {
      return bound;
    }
    String loopback = address instanceof Inet6Address ? "::1" : "127.0.0.1";
    return new InetSocketAddress(loopback, bound.getPort());
  }

  private static void closeAll(List<DatagramChannel> channels) {
    for (DatagramChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing an input probe socket: {}", e.toString());
      }
    }
  }

  /** First in a UDP socket's pipeline: takes this process's probes out of the input, timed. */
  private final class Catcher extends ChannelInboundHandlerAdapter {

    /** How long the last probe this socket caught waited; written on its loop. */
    private volatile long lastWaitNanos;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof DatagramPacket packet && sources.contains(packet.sender())) {
        ByteBuf content = packet.content();
        if (content.readableBytes() == ProbeLedger.PROBE_BYTES) {
          byte[] bytes = new byte[ProbeLedger.PROBE_BYTES];
          content.getBytes(content.readerIndex(), bytes);
          long wait = ledger.caught(bytes, bytes.length);
          if (wait != ProbeLedger.NOT_A_PROBE) {
            if (wait >= 0) {
              lastWaitNanos = wait;
            }
            packet.release();
            return;
          }
        }
      }
      ctx.fireChannelRead(msg);
    }
  }
}
