package io.callmask.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail of the UDP pipeline: logs (throttled) whatever the pipeline raised and keeps the socket
 * open, since a UDP socket serves every peer and one peer's bad datagram must not silence the
 * others. Sharable and stateless apart from the shared log throttle.
 */
@Sharable
final class UdpErrorGuard extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(UdpErrorGuard.class);

  private final ThrottledWarning warning = new ThrottledWarning(LOG, Duration.ofSeconds(10));

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    warning.log("error on UDP socket " + ctx.channel().localAddress(), cause);
  }
}
