package io.callmask.bench.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the click-to-call benchmark over a running callmask's HTTP API, with the sessions {@link
 * ClickToCallSessions} provisioned. Asks for {@code RATE} click-to-calls a second for {@code
 * SECONDS} seconds ({@code POST /v1/sessions/{id}/calls}, the customer first, cycling through the
 * sessions) without waiting for answers, timing each answer; then waits until none of the calls
 * started since it began is ringing or answered (or {@link #SETTLE_TIMEOUT} passed) and reads from
 * {@code /v1/stats} the outcomes of those calls, so a warm-up run before it is not counted. Prints one line: attempted, accepted (202), completed, failed (every call that did not
 * complete, refused and unfinished ones included) with the statuses they ended in, API latency,
 * and the server's CPU while originating when its process id is given (Linux {@code /proc}).
 *
 * <p>Usage: {@code ClickToCallLoad API_URL TOKEN RATE SECONDS IDS_FILE [SERVER_PID]}
 */
public final class ClickToCallLoad {

  /** Longer than any ring limit (30 s), so only a call that is stuck is still live after it. */
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(45);
  /** An origination not answered in this is counted as not accepted. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> LIVE = List.of("ringing", "answered");

  private final ApiCalls api;

  private ClickToCallLoad(ApiCalls api) {
    this.api = api;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 5 || args.length > 6) {
      System.err.println("usage: ClickToCallLoad API_URL TOKEN RATE SECONDS IDS_FILE"
          + " [SERVER_PID]");
      System.exit(2);
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      run(new ClickToCallLoad(new ApiCalls(args[0], args[1], threads)), args);
    } finally {
      threads.shutdownNow();
    }
  }

  private static void run(ClickToCallLoad load, String[] args) throws Exception {
    int rate = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    List<String> ids = Files.readAllLines(Path.of(args[4]));
    Path cpu = args.length == 6 ? Path.of("/proc", args[5], "stat") : null;
    System.err.printf("originating %d click-to-calls/s for %d s over %d sessions%n", rate,
        seconds, ids.size());
    long ticksBefore = cpuTicks(cpu);
    Instant startedAt = Instant.now();
    long started = System.nanoTime();
    Originations done = load.originate(ids, rate, seconds);
    double elapsed = (System.nanoTime() - started) / 1e9;
    long ticksAfter = cpuTicks(cpu);
    load.settle(startedAt);
    Map<String, Long> after = load.since(startedAt);
    long completed = after.getOrDefault("completed", 0L);
    StringBuilder ended = new StringBuilder();
    after.forEach((status, count) -> {
      if (!status.equals("completed") && count > 0) {
        ended.append(ended.length() == 0 ? "" : ",").append(status).append('=').append(count);
      }
    });
    String cpuText = cpu == null ? "n/a" : String.format("%.0f%%",
        100.0 * (ticksAfter - ticksBefore) / 100.0 / elapsed);
    System.out.printf("rate=%d/s seconds=%d attempted=%d accepted=%d completed=%d failed=%d"
            + " (%s) api_latency_ms p50=%.1f p99=%.1f max=%.1f offered=%.0f/s server_cpu=%s"
            + " (of one core)%n",
        rate, seconds, done.attempted(), done.accepted(), completed,
        done.attempted() - completed, ended.length() == 0 ? "none" : ended,
        done.percentile(0.50), done.percentile(0.99), done.percentile(1.0),
        done.attempted() / elapsed, cpuText);
  }

  /** API answers of the originations: how many, how many 202, and each one's latency. */
  private record Originations(int attempted, int accepted, long[] latenciesNanos) {
    double percentile(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
  }

  /** Sends {@code rate} requests a second, each at its due time, not waiting for answers. */
  private Originations originate(List<String> ids, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    long[] latencies = new long[total];
    AtomicInteger accepted = new AtomicInteger();
    List<CompletableFuture<?>> answers = new ArrayList<>(total);
    byte[] body = "{\"from\":\"customer\"}".getBytes(StandardCharsets.UTF_8);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      long sent = System.nanoTime();
      HttpRequest request = api.request("/v1/sessions/" + ids.get(i % ids.size()) + "/calls")
          .header("Content-Type", "application/json")
          .timeout(REQUEST_TIMEOUT)
          .POST(BodyPublishers.ofByteArray(body))
          .build();
      answers.add(api.http.sendAsync(request, BodyHandlers.discarding()).handle((response, e) -> {
        latencies[index] = System.nanoTime() - sent;
        if (e == null && response.statusCode() == 202) {
          accepted.incrementAndGet();
        }
        return null;
      }));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .get(REQUEST_TIMEOUT.getSeconds() + 5, TimeUnit.SECONDS);
    return new Originations(total, accepted.get(), latencies);
  }

  /**
   * Waits until none of the calls started since {@code startedAt} is live. Calls of an earlier run
   * do not count: waiting for the total to fall back to where it was ended early when calls the
   * warm-up left live ended meanwhile, and counted this run's calls still hanging up as failed.
   */
  private void settle(Instant startedAt) throws Exception {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    do {
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      if (live(since(startedAt)) == 0) {
        return;
      }
    } while (System.nanoTime() < deadline);
    System.err.println("calls still in progress after " + SETTLE_TIMEOUT + "; counting them as"
        + " not completed");
  }

  /** Calls by status among those started since {@code startedAt} (the server shares the clock). */
  private Map<String, Long> since(Instant startedAt) throws Exception {
    Duration window = Duration.between(startedAt, Instant.now()).truncatedTo(ChronoUnit.MILLIS);
    return byStatus(api.get("/v1/stats?window=" + window).path("calls"));
  }

  private static long live(Map<String, Long> counts) {
    return LIVE.stream().mapToLong(status -> counts.getOrDefault(status, 0L)).sum();
  }

  private static Map<String, Long> byStatus(JsonNode calls) {
    Map<String, Long> counts = new TreeMap<>();
    calls.path("by_status").fields().forEachRemaining(
        status -> counts.put(status.getKey(), status.getValue().asLong()));
    return counts;
  }

  private static long cpuTicks(Path stat) throws IOException {
    if (stat == null) {
      return 0;
    }
    // utime and stime are fields 14 and 15; the command name (field 2) may hold spaces
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
