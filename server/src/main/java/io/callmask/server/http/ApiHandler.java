package io.callmask.server.http;

import io.callmask.server.http.Router.Lookup;
import io.callmask.server.http.Router.Match;
import io.callmask.server.http.Router.NoRoute;
import io.callmask.server.http.Router.WrongMethod;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each HTTP request into an {@link ApiRequest}: rejects malformed HTTP (400), unknown paths
 * (404), wrong methods (405) and missing or wrong tokens (401) on the event loop, then runs the
 * route on the worker executor, which may block on the store. Whatever a route throws becomes an
 * error response; nothing reaches Netty's pipeline. Thread-safe and shared by every connection.
 */
@Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

  private final Router router;
  private final BearerToken token;
  private final Executor workers;

  ApiHandler(Router router, BearerToken token, Executor workers) {
    this.router = router;
    this.token = token;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (request.decoderResult().isFailure()) {
      ApiWriter.write(ctx, ApiResponse.error(ApiError.badRequest("bad_request",
          "malformed HTTP request")), false);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8);
    Lookup lookup = router.find(request.method(), uri.rawPath());
    if (lookup instanceof NoRoute) {
      ApiWriter.write(ctx, ApiResponse.error(ApiError.notFound(
          "no such endpoint: " + request.method() + " " + uri.rawPath())), keepAlive);
    } else if (lookup instanceof WrongMethod) {
      ApiWriter.write(ctx, ApiResponse.error(
          ApiError.methodNotAllowed(request.method().name(), uri.rawPath())), keepAlive);
    } else if (lookup instanceof Match match) {
      if (match.needsToken()
          && !token.accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
        ApiWriter.write(ctx, ApiResponse.error(ApiError.unauthorized()), keepAlive);
        return;
      }
      ApiRequest apiRequest = new ApiRequest(request.method(), uri.rawPath(),
          decoded(match.pathParams()), uri.parameters(), ByteBufUtil.getBytes(request.content()));
      dispatch(ctx, match.route(), apiRequest, keepAlive);
    }
  }

  private void dispatch(ChannelHandlerContext ctx, Route route, ApiRequest request,
      boolean keepAlive) {
    try {
      workers.execute(() -> ApiWriter.write(ctx, run(route, request), keepAlive));
    } catch (RejectedExecutionException e) {
      ApiWriter.write(ctx, ApiResponse.error(ApiError.unavailable()), false);
    }
  }

  private static ApiResponse run(Route route, ApiRequest request) {
    try {
      return route.handle(request);
    } catch (ApiException e) {
      return ApiResponse.error(e.error());
    } catch (RuntimeException e) {
      log.error("{} {} failed", request.method(), request.path(), e);
      return ApiResponse.error(ApiError.internal());
    }
  }

  /** Path segments are percent-decoded; '+' stays '+' there (it is E.164's, not a space). */
  private static Map<String, String> decoded(Map<String, String> raw) {
    Map<String, String> decoded = new HashMap<>(raw.size());
    raw.forEach((name, value) -> decoded.put(name,
        QueryStringDecoder.decodeComponent(value.replace("+", "%2B"), StandardCharsets.UTF_8)));
    return decoded;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
