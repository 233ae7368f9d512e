package io.callmask.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import javax.sip.message.Message;

/**
 * The TCP side of a transport (RFC 3261 §18): a listening socket, a client bootstrap for opening
 * connections, and the {@link ConnectionTable} both feed. A send reuses the connection to its
 * destination when one is open (accepted or opened; responses travel back on the connection their
 * request came in on) and otherwise opens one, bounded by the connect timeout.
 *
 * <p>Thread-safe. Messages are encoded on the connection's event loop by the pipeline's encoder.
 */
final class TcpEndpoint {

  private final Channel listener;
  private final Bootstrap client;
  private final ConnectionTable connections;

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
    ConnectionTable connections = new ConnectionTable();
    TcpConnectionGuard guard = new TcpConnectionGuard();
    ServerBootstrap server = new ServerBootstrap()
        .group(group)
        .channel(kind.serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new TcpChannelInitializer(settings.limits(), settings.tcpIdleTimeout(),
            dispatcher, guard, connections::accepted));
    Bootstrap client = new Bootstrap()
        .group(group)
        .channel(kind.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
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

  /** Sends on the connection to {@code destination}, opening one if there is none. */
  CompletableFuture<Void> send(Message message, InetSocketAddress destination) {
    return connections.connection(destination, client::connect)
        .thenCompose(channel -> WriteCompletion.of(channel.writeAndFlush(message)));
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
