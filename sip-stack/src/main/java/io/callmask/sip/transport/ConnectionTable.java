package io.callmask.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The TCP connections of one transport, accepted and opened alike, keyed by the far end's socket
 * address (RFC 3261 §18: an accepted connection by its source address and port, an opened one by
 * its destination), so that responses and in-dialog requests reuse whatever connection exists.
 *
 * <p>A connection being opened is in the table as a pending future, so concurrent sends to the same
 * peer share one connect. Entries leave the table when their channel closes or their connect fails;
 * nothing else removes them, so the table cannot leak closed channels.
 *
 * <p>The table holds at most {@code maxConnections}: beyond that, accepted connections are closed
 * at once and new ones are not opened, so a flood of connections (a scanner, a misbehaving
 * carrier) cannot exhaust file descriptors. The bound is checked before each insert, so racing
 * accepts may overshoot it by the number of event loops at most.
 *
 * <p>Thread-safe: a concurrent map; the close listeners run on the channels' event loops.
 */
final class ConnectionTable {

  /** Enough for every carrier and then some; far below a default file-descriptor limit. */
  static final int DEFAULT_MAX_CONNECTIONS = 10_000;

  private final ConcurrentMap<InetSocketAddress, CompletableFuture<Channel>> connections =
      new ConcurrentHashMap<>();
  private final int maxConnections;
  private volatile boolean closed;

  ConnectionTable(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
    }
    this.maxConnections = maxConnections;
  }

  /** Records a connection a peer opened to us, keyed by its remote address; closes it when full. */
  void accepted(Channel channel) {
    InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
    if (closed || remote == null || connections.size() >= maxConnections) {
      channel.close();
      return;
    }
    CompletableFuture<Channel> entry = CompletableFuture.completedFuture(channel);
    connections.put(remote, entry);
    channel.closeFuture().addListener(done -> connections.remove(remote, entry));
  }

  /**
   * The open (or opening) connection to {@code remote}, or a new one from {@code connector}. The
   * future fails when the connect fails (refused, timed out), the table is full or it is closed.
   */
  CompletableFuture<Channel> connection(
      InetSocketAddress remote, Function<InetSocketAddress, ChannelFuture> connector) {
    if (closed) {
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    CompletableFuture<Channel> existing = connections.get(remote);
    if (!isUsable(existing) && connections.size() >= maxConnections) {
      return CompletableFuture.failedFuture(
          new IOException("TCP connection limit of " + maxConnections + " reached"));
    }
    CompletableFuture<Channel> fresh = new CompletableFuture<>();
    CompletableFuture<Channel> chosen =
        connections.compute(remote, (key, current) -> isUsable(current) ? current : fresh);
    if (chosen == fresh) {
      // Connect outside compute(): a connect that fails at once would run our listener inline
      // and re-enter the map from inside its own update.
      open(remote, fresh, connector);
    }
    return chosen;
  }

  /** How many connections are open or opening. */
  int size() {
    return connections.size();
  }

  /** Closes every connection and refuses new ones; the future completes when all are closed. */
  CompletableFuture<Void> closeAll() {
    closed = true;
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (CompletableFuture<Channel> entry : connections.values()) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      entry.whenComplete((channel, failure) -> {
        if (channel == null) {
          done.complete(null);
        } else {
          channel.close().addListener(closeDone -> done.complete(null));
        }
      });
      closing.add(done);
    }
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
  }

  private void open(
      InetSocketAddress remote,
      CompletableFuture<Channel> entry,
      Function<InetSocketAddress, ChannelFuture> connector) {
    ChannelFuture connect;
    try {
      connect = connector.apply(remote);
    } catch (RuntimeException e) {
      connections.remove(remote, entry);
      entry.completeExceptionally(e);
      return;
    }
    connect.channel().closeFuture().addListener(done -> connections.remove(remote, entry));
    connect.addListener(done -> {
      if (!done.isSuccess()) {
        connections.remove(remote, entry);
        entry.completeExceptionally(done.cause());
      } else if (closed) {
        connect.channel().close();
        entry.completeExceptionally(new ClosedChannelException());
      } else {
        entry.complete(connect.channel());
      }
    });
  }

  private static boolean isUsable(CompletableFuture<Channel> entry) {
    if (entry == null) {
      return false;
    }
    if (!entry.isDone()) {
      return true;
    }
    return !entry.isCompletedExceptionally() && entry.join().isActive();
  }
}
