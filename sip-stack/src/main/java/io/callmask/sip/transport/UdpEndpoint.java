package io.callmask.sip.transport;

import io.callmask.sip.codec.EncodedMessage;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger LOG = LoggerFactory.getLogger(UdpEndpoint.class);

  /** The largest UDP payload over IPv4; a smaller receive buffer would truncate big datagrams. */
  private static final int MAX_DATAGRAM = 65_507;
  /**
   * Datagrams read from a socket in one go before the loop's other work runs. Netty's default for
   * a fixed buffer is one, which makes every datagram a trip through the loop; a burst also lets
   * {@link ReadBacklog} tell a socket with input waiting (every burst full) from one read empty.
   */
  static final int READ_BURST = 16;

  private final List<Channel> sockets;

  private UdpEndpoint(List<Channel> sockets) {
    this.sockets = List.copyOf(sockets);
  }

  /**
   * Binds {@code count} sockets to {@code listen} (one when SO_REUSEPORT is unavailable). Port 0
   * binds the first socket to a free port and the others to the same one. Blocks until bound:
   * call it from the thread that starts the transport, never from an event loop.
   *
   * @param socketBuffer bytes for each socket's receive and send buffers, 0 for the default
   * @throws IllegalStateException if the address cannot be bound
   */
  static UdpEndpoint bind(InetSocketAddress listen, EventLoopKind kind, EventLoopGroup group,
      int count, int socketBuffer, ChannelHandler initializer) {
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(kind.datagramChannel())
        .option(ChannelOption.RCVBUF_ALLOCATOR,
            new FixedRecvByteBufAllocator(MAX_DATAGRAM).maxMessagesPerRead(READ_BURST))
        .handler(initializer);
    if (socketBuffer > 0) {
      bootstrap.option(ChannelOption.SO_RCVBUF, socketBuffer)
          .option(ChannelOption.SO_SNDBUF, socketBuffer);
    }
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
    if (socketBuffer > 0) {
      warnIfCapped(bound.get(0), socketBuffer);
    }
    return new UdpEndpoint(bound);
  }

  /** The kernel silently caps the buffer at its maximum; an operator needs to hear of it. */
  private static void warnIfCapped(Channel socket, int asked) {
    // Linux reports twice the size granted (it counts its own bookkeeping), so a granted request
    // reads back at least as large as asked
    int received = receiveBufferBytes(socket);
    if (received < asked) {
      LOG.warn("the UDP receive buffer is {} bytes, less than the {} asked for (sip.udp-buffer):"
          + " datagrams will be dropped in bursts; raise the kernel's limit, e.g."
          + " sysctl -w net.core.rmem_max={}", received, asked, asked);
    }
  }

  /** The receive buffer the kernel gave the first socket, as it reports it. */
  int receiveBufferBytes() {
    return receiveBufferBytes(sockets.get(0));
  }

  private static int receiveBufferBytes(Channel socket) {
    return socket.config().getOption(ChannelOption.SO_RCVBUF);
  }

  /** The address the sockets are bound to, with the actual port. */
  InetSocketAddress localAddress() {
    return (InetSocketAddress) sockets.get(0).localAddress();
  }

  /**
   * Encodes {@code message} (a {@link Message}, or an {@link EncodedMessage} whose bytes are
   * copied as they are) on the calling thread and sends it as one datagram. The write always
   * goes through the socket's event-loop queue, even when called on that loop: Netty writes at
   * once on its own thread, which would overtake writes other threads queued earlier, and a
   * response retransmitted from one thread could then reach the peer after a later final one.
   */
  CompletableFuture<Void> send(Object message, InetSocketAddress destination) {
    Channel socket = sockets.get(Math.floorMod(destination.hashCode(), sockets.size()));
    ByteBuf bytes;
    try {
      bytes = message instanceof EncodedMessage encoded
          ? encoded.toBuffer(socket.alloc())
          : SipMessageEncoder.encode(socket.alloc(), (Message) message);
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
