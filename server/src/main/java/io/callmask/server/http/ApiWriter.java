package io.callmask.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Writes an {@link ApiResponse} as an HTTP/1.1 response, closing the connection when asked. */
final class ApiWriter {

  private ApiWriter() {}

  /** Safe from any thread: Netty hands writes from outside the event loop over to it. */
  static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    FullHttpResponse http = toHttp(response);
    if (keepAlive) {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(http);
    } else {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Announces the close but leaves it to the caller, which still has input to drain. */
  static void writeThenLinger(ChannelHandlerContext ctx, ApiResponse response) {
    FullHttpResponse http = toHttp(response);
    http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(http);
  }

  private static FullHttpResponse toHttp(ApiResponse response) {
    FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
        Unpooled.wrappedBuffer(response.body()));
    http.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    if (response.status().equals(HttpResponseStatus.UNAUTHORIZED)) {
      http.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"callmask\"");
    }
    return http;
  }
}
