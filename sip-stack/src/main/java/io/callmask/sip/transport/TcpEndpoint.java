package io.callmask.sip.transport;

import io.callmask.sip.codec.EncodedMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.message.Message;

/**
 * The TCP side of a transport (RFC 3261 §18): a listening socket, a client bootstrap for opening
 * connections, and the {@link ConnectionTable} both feed. A send reuses the connection to its
 * destination when one is open (accepted or opened; responses travel back on the connection their
 * request came in on) and otherwise opens one, bounded by the connect timeout.
 *
 * <p>A peer that stops reading cannot make us buffer without bound: once a connection's outbound
 * buffer passes the high water mark, sends to it fail until it drains below the low one.
 *
 * <p>Thread-safe. Messages are encoded on the connection's event loop by the pipeline's encoder.
 */
final class TcpEndpoint {

  /** Room for a few hundred SIP messages queued toward one slow peer. */
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(64 * 1024, 256 * 1024);

  private final Channel listener;
  private final Bootstrap client;
  private final ConnectionTable connections;
  private final OrderedSends sends = new OrderedSends(TcpEndpoint::write);

  private TcpEndpoint(Channel listener, Bootstrap client, ConnectionTable connections) {
    this.listener = listener;
    this.client = client;
    this.connections = connections;
  }

  /**
   * Listens on {@code listen}; blocks until bound (never call it from an event loop).
   *
   * @throws IllegalStateException if the address cannot be bound
   */
  static TcpEndpoint bind(InetSocketAddress listen, EventLoopKind kind, EventLoopGroup group,
      TransportSettings settings, InboundDispatcher dispatcher) {
    ConnectionTable connections = new ConnectionTable(ConnectionTable.DEFAULT_MAX_CONNECTIONS);
    TcpConnectionGuard guard = new TcpConnectionGuard();
    ServerBootstrap server = new ServerBootstrap()
        .group(group)
        .channel(kind.serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .childHandler(new TcpChannelInitializer(settings.limits(), settings.tcpIdleTimeout(),
            dispatcher, guard, connections::accepted));
    Bootstrap client = new Bootstrap()
        .group(group)
        .channel(kind.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
        .handler(new TcpChannelInitializer(settings.limits(), settings.tcpIdleTimeout(),
            dispatcher, guard, channel -> { }));
    ChannelFuture bind = server.bind(listen).awaitUninterruptibly();
    if (!bind.isSuccess()) {
      throw new IllegalStateException(
          "cannot listen on TCP " + listen + ": " + bind.cause().getMessage(), bind.cause());
    }
    return new TcpEndpoint(bind.channel(), client, connections);
  }

  /** The address the listening socket is bound to, with the actual port. */
  InetSocketAddress localAddress() {
    return (InetSocketAddress) listener.localAddress();
  }

  /**
   * Sends on the connection to {@code destination}, opening one if there is none; fails at once
   * when that connection's outbound buffer is full. {@code message} is a {@link Message}, encoded
   * by the pipeline, or an {@link EncodedMessage}, whose bytes are written as they are.
   */
  CompletableFuture<Void> send(Object message, InetSocketAddress destination) {
    return sends.send(connections.connection(destination, client::connect), message);
  }

  /**
   * Writes through the connection's event-loop queue even when called on that loop: Netty writes
   * at once on its own thread, which would overtake writes other threads queued earlier, so a 200
   * relayed on the connection's loop could reach the peer ahead of the 180 relayed just before it
   * from another thread (as UDP sends, see {@link UdpEndpoint#send}).
   */
  private static CompletableFuture<Void> write(Channel channel, Object message) {
    if (!channel.isWritable()) {
      return CompletableFuture.failedFuture(new IOException(
          "TCP peer " + channel.remoteAddress() + " is not reading: outbound buffer full"));
    }
    Object out = message instanceof EncodedMessage encoded
        ? encoded.toBuffer(channel.alloc())
        : message;
    ChannelPromise written = channel.newPromise();
    try {
      channel.eventLoop().execute(() -> channel.writeAndFlush(out, written));
    } catch (RejectedExecutionException e) {
      ReferenceCountUtil.release(out);
      return CompletableFuture.failedFuture(e);
    }
    return WriteCompletion.of(written);
  }

  /** Open and opening connections, accepted and opened. */
  int connectionCount() {
    return connections.size();
  }

  /** Stops accepting connections. */
  CompletableFuture<Void> closeListener() {
    return WriteCompletion.of(listener.close());
  }

  /** Closes every connection; the future completes when all are closed. */
  CompletableFuture<Void> closeConnections() {
    return connections.closeAll();
  }
}
