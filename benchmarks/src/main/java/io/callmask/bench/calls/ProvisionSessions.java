package io.callmask.bench.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Provisions a running callmask for the call benchmark over its HTTP API: two trunks whose
 * gateways are the callee SIPp processes, two customer and two partner proxy numbers with room
 * for every session, and {@code count} sessions between distinct parties. Writes a SIPp injection
 * file with one line per session and direction, {@code CALLER;DIALED}, alternating customer →
 * partner and partner → customer.
 *
 * <p>Usage: {@code ProvisionSessions API_URL TOKEN COUNT GATEWAY_A GATEWAY_B OUT.csv}
 */
public final class ProvisionSessions {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int THREADS = 8;

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI api;
  private final String token;

  private ProvisionSessions(URI api, String token) {
    this.api = api;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println(
          "usage: ProvisionSessions API_URL TOKEN COUNT GATEWAY_A GATEWAY_B OUT.csv");
      System.exit(2);
    }
    ProvisionSessions provision = new ProvisionSessions(URI.create(args[0]), args[1]);
    int count = Integer.parseInt(args[2]);
    provision.pool(args[3], args[4], count);
    List<String[]> pairs = provision.sessions(count);
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[5]),
        StandardCharsets.UTF_8))) {
      out.println("SEQUENTIAL");
      for (String[] pair : pairs) {
        out.println(pair[0] + ";" + pair[1]);
      }
    }
    System.err.printf("provisioned %d sessions; %d call lines in %s%n", count, pairs.size(),
        args[5]);
  }

  private void pool(String gatewayA, String gatewayB, int count) throws Exception {
    post("/v1/trunks", Map.of("name", "bench-a", "gateway", gatewayA,
        "allow", List.of("127.0.0.1/32")));
    post("/v1/trunks", Map.of("name", "bench-b", "gateway", gatewayB,
        "allow", List.of("127.0.0.1/32")));
    post("/v1/numbers", List.of(
        number("+918040000001", "bench-a", "customer", count),
        number("+918040000002", "bench-b", "customer", count),
        number("+918040000101", "bench-a", "partner", count),
        number("+918040000102", "bench-b", "partner", count)));
  }

  private static Map<String, Object> number(String e164, String trunk, String pool, int count) {
    return Map.of("number", e164, "trunk", trunk, "region", "BENCH", "pool", pool,
        "capacity", count);
  }

  /** Creates the sessions on a few threads; returns the injection lines, two per session. */
  private List<String[]> sessions(int count) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<String[][]>> created = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String customer = String.format("+9198%08d", i);
        String partner = String.format("+9197%08d", i);
        created.add(threads.submit(() -> {
          JsonNode session = post("/v1/sessions",
              Map.of("customer", customer, "partner", partner, "region", "BENCH"));
          return new String[][] {
              {customer, session.get("customer").get("proxy").asText()},
              {partner, session.get("partner").get("proxy").asText()}};
        }));
      }
      List<String[]> lines = new ArrayList<>();
      for (Future<String[][]> future : created) {
        String[][] both = future.get();
        lines.add(both[0]);
        lines.add(both[1]);
      }
      return lines;
    } finally {
      threads.shutdownNow();
    }
  }

  private JsonNode post(String path, Object body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
        .build();
    var response = http.send(request, BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("POST " + path + " answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(response.body());
  }
}
