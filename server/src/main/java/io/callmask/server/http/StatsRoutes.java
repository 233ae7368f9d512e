package io.callmask.server.http;

import io.callmask.server.masking.Health;
import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.NumberStore.NumberFilter;
import io.callmask.server.masking.NumberStore.NumberUse;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/stats}: pool use per (region, pool, trunk) — how many numbers, how many healthy,
 * and how many live sessions they carry against their capacity.
 */
public final class StatsRoutes {

  /** One (region, pool, trunk) group of the pool. */
  record PoolUse(String region, String pool, String trunk, int numbers, int healthy,
      long liveSessions, long capacity) {}

  private final NumberStore numbers;

  public StatsRoutes(NumberStore numbers) {
    this.numbers = numbers;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/v1/stats", request -> ApiResponse.ok(Map.of("pools", pools())));
  }

  private List<PoolUse> pools() {
    Map<List<String>, PoolUse> groups = new TreeMap<>((a, b) -> String.join("\u0000", a)
        .compareTo(String.join("\u0000", b)));
    for (NumberUse use : numbers.numbers(NumberFilter.all())) {
      List<String> key = List.of(use.number().region(), use.number().pool().configName(),
          use.number().trunk());
      PoolUse sum = groups.getOrDefault(key, new PoolUse(key.get(0), key.get(1), key.get(2), 0, 0, 0, 0));
      groups.put(key, new PoolUse(sum.region(), sum.pool(), sum.trunk(), sum.numbers() + 1,
          sum.healthy() + (use.number().health() == Health.HEALTHY ? 1 : 0),
          sum.liveSessions() + use.liveSessions(), sum.capacity() + use.number().capacity()));
    }
    return List.copyOf(groups.values());
  }
}
