package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A bound UDP endpoint on 127.0.0.1, as the kernel configured its sockets. */
class UdpEndpointIT {

  private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

  @Test
  void asksTheKernelForAReceiveBufferThatAbsorbsBursts() throws IOException {
    assumeTrue(Files.isReadable(RMEM_MAX), "Linux reports the receive buffer limit");
    int limit = Integer.parseInt(Files.readString(RMEM_MAX).trim());
    EventLoopKind kind = EventLoopKind.detect();
    EventLoopGroup group = kind.newGroup(1, "udp-endpoint-it");
    try {
      UdpEndpoint endpoint = UdpEndpoint.bind(new InetSocketAddress("127.0.0.1", 0), kind, group,
          1, new ChannelInboundHandlerAdapter());
      try {
        // the kernel caps the request at rmem_max, then doubles it for its bookkeeping
        assertThat(endpoint.receiveBuffer())
            .isGreaterThanOrEqualTo(Math.min(UdpEndpoint.RECEIVE_BUFFER, limit));
      } finally {
        endpoint.close().join();
      }
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
