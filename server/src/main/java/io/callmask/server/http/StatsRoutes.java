package io.callmask.server.http;

import io.callmask.server.calls.CallCounts;
import io.callmask.server.calls.CallStatistics;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.NumberStore.NumberFilter;
import io.callmask.server.masking.NumberStore.NumberUse;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /v1/stats}: pool use per (region, pool, trunk) — how many numbers, how many healthy,
 * and how many live sessions they carry against their capacity — and the calls that started in
 * a window ({@code ?window=}, an ISO-8601 duration such as {@code PT1H} or {@code P7D}, or {@code
 * all}; the last 24 hours by default): how many by status, and how many failed over.
 */
public final class StatsRoutes {

  static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
  static final String ALL_TIME = "all";

  /** One (region, pool, trunk) group of the pool. */
  record PoolUse(String region, String pool, String trunk, int numbers, int healthy,
      long liveSessions, long capacity) {}

  /**
   * Calls that started since {@code since}, within {@code window}.
   *
   * @param window the ISO-8601 duration looked back, or {@code all}
   * @param byStatus every status, in the contract's order, with its count
   * @param failovers forwarded calls that tried more than one trunk
   */
  record CallUse(String window, Instant since, long total, Map<String, Long> byStatus,
      long failovers) {
    static CallUse of(String window, CallCounts counts) {
      Map<String, Long> byStatus = new LinkedHashMap<>();
      for (CallStatus status : CallStatus.values()) {
        byStatus.put(status.configName(), counts.byStatus().get(status));
      }
      return new CallUse(window, counts.since(), counts.total(), byStatus, counts.failovers());
    }
  }

  /** The whole answer; fields in this order. */
  record Stats(List<PoolUse> pools, CallUse calls) {}

  private final NumberStore numbers;
  private final CallStatistics calls;
  private final Clock clock;

  public StatsRoutes(NumberStore numbers, CallStatistics calls, Clock clock) {
    this.numbers = numbers;
    this.calls = calls;
    this.clock = clock;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/v1/stats", request -> {
      Optional<Duration> window = window(request);
      Instant now = clock.instant();
      // A window longer than the epoch's age counts everything (and cannot overflow Instant).
      Instant since = window.filter(w -> w.compareTo(Duration.between(Instant.EPOCH, now)) < 0)
          .map(now::minus)
          .orElse(Instant.EPOCH);
      CallUse callUse = CallUse.of(window.map(Duration::toString).orElse(ALL_TIME),
          calls.since(since));
      return ApiResponse.ok(new Stats(pools(), callUse));
    });
  }

  /** The window asked for; empty for all time. */
  private static Optional<Duration> window(ApiRequest request) {
    Optional<String> text = request.queryParam("window");
    if (text.isEmpty()) {
      return Optional.of(DEFAULT_WINDOW);
    }
    if (text.get().trim().equals(ALL_TIME)) {
      return Optional.empty();
    }
    try {
      Duration window = Duration.parse(text.get().trim());
      if (!window.isNegative() && !window.isZero()) {
        return Optional.of(window);
      }
    } catch (DateTimeParseException e) {
      // answered below, like a window that is not positive
    }
    throw new ApiException(ApiError.badRequest("invalid_query", "window: expected a positive"
        + " ISO-8601 duration such as PT1H or P7D, or 'all'"));
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
