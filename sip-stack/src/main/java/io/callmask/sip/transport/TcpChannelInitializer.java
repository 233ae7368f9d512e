package io.callmask.sip.transport;

import io.callmask.sip.codec.CodecLimits;
import io.callmask.sip.codec.SipMessageEncoder;
import io.callmask.sip.codec.SipStreamDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds the pipeline of one TCP connection, accepted or opened:
 *
 * <pre>
 *   IdleStateHandler → SipStreamDecoder → SipMessageEncoder → InboundDispatcher → TcpConnectionGuard
 * </pre>
 *
 * The encoder sits below the dispatcher so that 400s the dispatcher writes are encoded too.
 * Thread-safe: shared by every connection, it only creates per-connection handlers.
 */
final class TcpChannelInitializer extends ChannelInitializer<Channel> {

  private final CodecLimits limits;
  private final Duration idleTimeout;
  private final InboundDispatcher dispatcher;
  private final TcpConnectionGuard guard;
  private final Consumer<Channel> onInit;

  /** @param onInit what to do with each new channel, e.g. enter accepted ones in the table */
  TcpChannelInitializer(
      CodecLimits limits,
      Duration idleTimeout,
      InboundDispatcher dispatcher,
      TcpConnectionGuard guard,
      Consumer<Channel> onInit) {
    this.limits = limits;
    this.idleTimeout = idleTimeout;
    this.dispatcher = dispatcher;
    this.guard = guard;
    this.onInit = onInit;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast(
        new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS),
        new SipStreamDecoder(limits),
        SipMessageEncoder.INSTANCE,
        dispatcher,
        guard);
    onInit.accept(channel);
  }
}
