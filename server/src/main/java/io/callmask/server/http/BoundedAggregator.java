package io.callmask.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Aggregates request bodies up to a limit, and answers a larger one with the API's JSON 413
 * instead of Netty's bare one; the connection is closed since the rest of the body is unread.
 */
final class BoundedAggregator extends HttpObjectAggregator {

  private final int maxBytes;

  BoundedAggregator(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    ApiWriter.write(ctx, ApiResponse.error(ApiError.tooLarge(maxBytes)), false);
  }
}
