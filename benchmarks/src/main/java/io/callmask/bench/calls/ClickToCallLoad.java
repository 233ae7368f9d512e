package io.callmask.bench.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the click-to-call benchmark over a running callmask's HTTP API. Provisions two trunks
 * for each party, the customer's on the first party's gateway and the partner's on the second
 * party's (so each SIPp plays one role), proxy numbers with room for every session, and {@code
 * SESSIONS} sessions. Then asks for {@code RATE} click-to-calls a second for {@code SECONDS}
 * seconds ({@code POST /v1/sessions/{id}/calls}, the customer first, cycling through the
 * sessions) without waiting for answers, timing each answer; waits until no call is ringing or
 * answered any more and reads the outcomes from {@code /v1/stats}. Prints one line: attempted,
 * accepted (202), completed, failed (every call that did not complete, refused ones included)
 * with the statuses they ended in, API latency, and the server's CPU while originating when its
 * process id is given (Linux {@code /proc}).
 *
 * <p>Usage: {@code ClickToCallLoad API_URL TOKEN RATE SECONDS SESSIONS FIRST_GATEWAY
 * SECOND_GATEWAY [SERVER_PID]}
 */
public final class ClickToCallLoad {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PROVISIONING_THREADS = 8;
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient http = HttpClient.newBuilder()
      .executor(Executors.newFixedThreadPool(4))
      .build();
  private final URI api;
  private final String token;

  private ClickToCallLoad(URI api, String token) {
    this.api = api;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 7 || args.length > 8) {
      System.err.println("usage: ClickToCallLoad API_URL TOKEN RATE SECONDS SESSIONS"
          + " FIRST_GATEWAY SECOND_GATEWAY [SERVER_PID]");
      System.exit(2);
    }
    ClickToCallLoad load = new ClickToCallLoad(URI.create(args[0]), args[1]);
    int rate = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int sessions = Integer.parseInt(args[4]);
    load.pool(args[5], args[6], sessions);
    List<String> ids = load.sessions(sessions);
    System.err.printf("provisioned %d sessions; originating %d click-to-calls/s for %d s%n",
        ids.size(), rate, seconds);
    Path cpu = args.length == 8 ? Path.of("/proc", args[7], "stat") : null;
    long ticksBefore = cpuTicks(cpu);
    long started = System.nanoTime();
    Originations done = load.originate(ids, rate, seconds);
    double elapsed = (System.nanoTime() - started) / 1e9;
    long ticksAfter = cpuTicks(cpu);
    JsonNode calls = load.settle();
    long completed = calls.path("by_status").path("completed").asLong();
    StringBuilder ended = new StringBuilder();
    calls.path("by_status").fields().forEachRemaining(status -> {
      if (!status.getKey().equals("completed") && status.getValue().asLong() > 0) {
        ended.append(ended.length() == 0 ? "" : ",").append(status.getKey()).append('=')
            .append(status.getValue().asLong());
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

  private void pool(String firstGateway, String secondGateway, int sessions) throws Exception {
    for (String[] trunk : new String[][] {{"first-a", firstGateway}, {"first-b", firstGateway},
        {"second-a", secondGateway}, {"second-b", secondGateway}}) {
      post("/v1/trunks", Map.of("name", trunk[0], "gateway", trunk[1],
          "allow", List.of("127.0.0.1/32")));
    }
    post("/v1/numbers", List.of(
        number("+918050000001", "first-a", "customer", sessions),
        number("+918050000002", "first-b", "customer", sessions),
        number("+918050000101", "second-a", "partner", sessions),
        number("+918050000102", "second-b", "partner", sessions)));
  }

  private static Map<String, Object> number(String e164, String trunk, String pool, int count) {
    return Map.of("number", e164, "trunk", trunk, "region", "C2C", "pool", pool,
        "capacity", count);
  }

  /** Creates the sessions on a few threads; returns their ids. */
  private List<String> sessions(int count) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(PROVISIONING_THREADS);
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String customer = String.format("+9196%08d", i);
        String partner = String.format("+9195%08d", i);
        created.add(threads.submit(() -> post("/v1/sessions",
            Map.of("customer", customer, "partner", partner, "region", "C2C"))
            .get("id").asText()));
      }
      List<String> ids = new ArrayList<>(count);
      for (Future<String> future : created) {
        ids.add(future.get());
      }
      return ids;
    } finally {
      threads.shutdownNow();
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
      HttpRequest request = HttpRequest.newBuilder(
              api.resolve("/v1/sessions/" + ids.get(i % ids.size()) + "/calls"))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .POST(BodyPublishers.ofByteArray(body))
          .build();
      answers.add(http.sendAsync(request, BodyHandlers.discarding()).handle((response, e) -> {
        latencies[index] = System.nanoTime() - sent;
        if (e == null && response.statusCode() == 202) {
          accepted.incrementAndGet();
        }
        return null;
      }));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return new Originations(total, accepted.get(), latencies);
  }

  /** Waits until every call ended; returns the {@code calls} part of the stats. */
  private JsonNode settle() throws Exception {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    JsonNode calls;
    do {
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      calls = get("/v1/stats?window=all").path("calls");
      long live = calls.path("by_status").path("ringing").asLong()
          + calls.path("by_status").path("answered").asLong();
      if (live == 0) {
        return calls;
      }
    } while (System.nanoTime() < deadline);
    System.err.println("calls still in progress after " + SETTLE_TIMEOUT + "; counting them as"
        + " not completed");
    return calls;
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

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
    return answer(path, http.send(request, BodyHandlers.ofByteArray()));
  }

  private JsonNode post(String path, Object body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
        .build();
    return answer(path, http.send(request, BodyHandlers.ofByteArray()));
  }

  private static JsonNode answer(String path, HttpResponse<byte[]> response) throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(path + " answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(response.body());
  }
}
