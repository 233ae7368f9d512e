package io.callmask.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail of every TCP pipeline: closes a connection that has been idle (the {@code
 * IdleStateHandler} at its head fires the event) and one whose pipeline raised an exception (a
 * reset, or a decoder that lost the framing), so that neither lingers in the connection table. The
 * exception is logged, throttled, and goes no further: it never reaches Netty's default handler
 * nor stops the event loop.
 *
 * <p>Sharable and stateless apart from the shared log throttle.
 */
@Sharable
final class TcpConnectionGuard extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(TcpConnectionGuard.class);

  private final ThrottledWarning warning = new ThrottledWarning(LOG, Duration.ofSeconds(10));

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      LOG.debug("closing idle connection {}", ctx.channel().remoteAddress());
      ctx.close();
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    warning.log("closing TCP connection " + ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
