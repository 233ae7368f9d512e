package io.callmask.sip.transport;

import io.callmask.sip.codec.SipMessageEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.message.Message;

/**
 * The UDP side of a transport (RFC 3261 §18): one or more datagram sockets bound to one address.
 *
 * <p>With epoll, every event loop gets its own socket on the same port through SO_REUSEPORT, and
 * the kernel spreads incoming datagrams over them by source address, so UDP load uses every core
 * instead of queueing behind one socket. With NIO there is a single socket.
 *
 * <p>Sends go out of a socket chosen by the destination, so that datagrams to one peer leave in
 * the order they were sent. Thread-safe: the socket list is fixed once bound.
 */
final class UdpEndpoint {

  /** The largest UDP payload over IPv4; a smaller receive buffer would truncate big datagrams. */
  private static final int MAX_DATAGRAM = 65_507;
  /**
   * The socket receive buffer asked of the kernel (SO_RCVBUF), which caps it at {@code
   * net.core.rmem_max}. The default (about 200 KB, a few hundred datagrams once the kernel's
   * per-datagram overhead is counted) overflows in a 100 ms stall of the event loop (a GC pause, a
   * busy core) at a few thousand datagrams a second: measured at 500 click-to-calls/s, 500,000
   * datagrams dropped on one socket in two minutes, each loss costing a retransmission or, once a
   * peer gave up, a call whose end never arrived. Queueing a burst is better than losing it.
   */
  static final int RECEIVE_BUFFER = 8 * 1024 * 1024;

  private final List<Channel> sockets;

  private UdpEndpoint(List<Channel> sockets) {
    this.sockets = List.copyOf(sockets);
  }

  /**
   * Binds {@code count} sockets to {@code listen} (one when SO_REUSEPORT is unavailable). Port 0
   * binds the first socket to a free port and the others to the same one. Blocks until bound:
   * call it from the thread that starts the transport, never from an event loop.
   *
   * @throws IllegalStateException if the address cannot be bound
   */
  static UdpEndpoint bind(InetSocketAddress listen, EventLoopKind kind, EventLoopGroup group,
      int count, ChannelHandler initializer) {
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(kind.datagramChannel())
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
        .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
        .handler(initializer);
    int sockets = 1;
    if (kind.supportsReusePort()) {
      bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
      sockets = count;
    }
    List<Channel> bound = new ArrayList<>(sockets);
    InetSocketAddress address = listen;
    try {
      for (int i = 0; i < sockets; i++) {
        Channel channel = awaitBound(bootstrap.bind(address), listen);
        bound.add(channel);
        address = (InetSocketAddress) channel.localAddress();
      }
    } catch (RuntimeException e) {
      bound.forEach(Channel::close);
      throw e;
    }
    return new UdpEndpoint(bound);
  }

  /** The address the sockets are bound to, with the actual port. */
  InetSocketAddress localAddress() {
    return (InetSocketAddress) sockets.get(0).localAddress();
  }

  /** The receive buffer the kernel gave each socket, in bytes (Linux reports twice the size). */
  int receiveBuffer() {
    return sockets.get(0).config().getOption(ChannelOption.SO_RCVBUF);
  }

  /**
   * Encodes {@code message} on the calling thread and sends it as one datagram. The write always
   * goes through the socket's event-loop queue, even when called on that loop: Netty writes at
   * once on its own thread, which would overtake writes other threads queued earlier, and a
   * response retransmitted from one thread could then reach the peer after a later final one.
   */
  CompletableFuture<Void> send(Message message, InetSocketAddress destination) {
    Channel socket = sockets.get(Math.floorMod(destination.hashCode(), sockets.size()));
    ByteBuf bytes;
    try {
      bytes = SipMessageEncoder.encode(socket.alloc(), message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    ChannelPromise written = socket.newPromise();
    DatagramPacket packet = new DatagramPacket(bytes, destination);
    try {
      socket.eventLoop().execute(() -> socket.writeAndFlush(packet, written));
    } catch (RejectedExecutionException e) {
      packet.release();
      return CompletableFuture.failedFuture(e);
    }
    return WriteCompletion.of(written);
  }

  /** Closes every socket; the future completes when all are closed. */
  CompletableFuture<Void> close() {
    return CompletableFuture.allOf(sockets.stream()
        .map(socket -> WriteCompletion.of(socket.close()))
        .toArray(CompletableFuture[]::new));
  }

  private static Channel awaitBound(ChannelFuture bind, InetSocketAddress listen) {
    if (!bind.awaitUninterruptibly().isSuccess()) {
      throw new IllegalStateException(
          "cannot listen on UDP " + listen + ": " + bind.cause().getMessage(), bind.cause());
    }
    return bind.channel();
  }
}
