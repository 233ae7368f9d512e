package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpEndpointIT {

  private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

  private final EventLoopKind kind = EventLoopKind.detect();
  private final EventLoopGroup group = kind.newGroup(1, "udp-endpoint-it");

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void theSocketBufferAskedForIsTheOneTheSocketGets() {
    UdpEndpoint systemDefault = bind(0);
    UdpEndpoint small = bind(4096);
    try {
      // far below any system default, so the kernel grants it: the option did reach the socket
      assertThat(small.receiveBufferBytes()).isLessThan(systemDefault.receiveBufferBytes())
          .isGreaterThanOrEqualTo(4096);
    } finally {
      small.close().join();
      systemDefault.close().join();
    }
  }

  private UdpEndpoint bind(int socketBuffer) {
    return UdpEndpoint.bind(ANY_LOOPBACK_PORT, kind, group, 1, socketBuffer,
        new ChannelInboundHandlerAdapter());
  }
}
