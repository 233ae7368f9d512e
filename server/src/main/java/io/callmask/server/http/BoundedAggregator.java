package io.callmask.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates request bodies up to a limit, and answers a larger one with the API's JSON 413
 * instead of Netty's bare one.
 *
 * <p>The connection is closed only once the client has finished sending the oversized body (the
 * aggregator discards it) or after {@link #LINGER_SECONDS}: closing a socket with unread input
 * makes the kernel send a reset, which can destroy the 413 before the client reads it.
 */
final class BoundedAggregator extends HttpObjectAggregator {

  static final int LINGER_SECONDS = 10;

  private final int maxBytes;
  private boolean closeAtEndOfBody;

  BoundedAggregator(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    ApiWriter.writeThenLinger(ctx, ApiResponse.error(ApiError.tooLarge(maxBytes)));
    closeAtEndOfBody = true;
    ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    boolean endOfBody = msg instanceof LastHttpContent;
    super.channelRead(ctx, msg);
    if (closeAtEndOfBody && endOfBody) {
      ctx.close();
    }
  }
}
