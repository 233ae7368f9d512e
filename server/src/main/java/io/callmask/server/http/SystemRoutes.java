package io.callmask.server.http;

import io.callmask.server.metrics.ServerMetrics;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;

/** {@code GET /healthz} and {@code GET /metrics}: open to anyone, for probes and scrapers. */
public final class SystemRoutes {

  private SystemRoutes() {}

  public static void register(Router router, ServerMetrics metrics) {
    router.addPublic(HttpMethod.GET, "/healthz", request -> ApiResponse.ok(Map.of("status", "ok")));
    router.addPublic(HttpMethod.GET, "/metrics",
        request -> ApiResponse.text(ServerMetrics.CONTENT_TYPE, metrics.scrape()));
  }
}
