package io.callmask.sip.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Which Netty I/O implementation the transport runs on: Linux's native epoll when its library
 * loads (it also offers SO_REUSEPORT, which lets several UDP sockets share one port), Java NIO
 * everywhere else. Immutable.
 */
enum EventLoopKind {
  EPOLL {
    @Override
    EventLoopGroup newGroup(int threads, String name) {
      return new EpollEventLoopGroup(threads, new DefaultThreadFactory(name, true));
    }

    @Override
    Class<? extends DatagramChannel> datagramChannel() {
      return EpollDatagramChannel.class;
    }

    @Override
    Class<? extends ServerSocketChannel> serverChannel() {
      return EpollServerSocketChannel.class;
    }

    @Override
    Class<? extends SocketChannel> socketChannel() {
      return EpollSocketChannel.class;
    }
  },

  NIO {
    @Override
    EventLoopGroup newGroup(int threads, String name) {
      return new NioEventLoopGroup(threads, new DefaultThreadFactory(name, true));
    }

    @Override
    Class<? extends DatagramChannel> datagramChannel() {
      return NioDatagramChannel.class;
    }

    @Override
    Class<? extends ServerSocketChannel> serverChannel() {
      return NioServerSocketChannel.class;
    }

    @Override
    Class<? extends SocketChannel> socketChannel() {
      return NioSocketChannel.class;
    }
  };

  /** Epoll where available, else NIO. */
  static EventLoopKind detect() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  abstract EventLoopGroup newGroup(int threads, String name);

  abstract Class<? extends DatagramChannel> datagramChannel();

  abstract Class<? extends ServerSocketChannel> serverChannel();

  abstract Class<? extends SocketChannel> socketChannel();

  /** Whether several UDP sockets can bind one port so the kernel spreads datagrams over them. */
  boolean supportsReusePort() {
    return this == EPOLL;
  }
}
