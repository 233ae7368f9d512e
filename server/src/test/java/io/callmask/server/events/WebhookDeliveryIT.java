package io.callmask.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callmask.server.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end: a real server driven through its API delivers to a receiver that checks
 * signatures and fails about 30% of deliveries; the server is stopped halfway and a new one
 * started on the same store. Every event must arrive, each session's in sequence order.
 */
class WebhookDeliveryIT {

  private static final String SECRET = "whsec-test";
  /** Fast retries, and enough attempts that a 30% failure rate never kills an event. */
  static final DeliverySettings FAST = new DeliverySettings(Duration.ofSeconds(1),
      Duration.ofSeconds(5), Duration.ofMillis(50), 4,
      new BackoffPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 60));

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<AutoCloseable> open = new ArrayList<>();
  private RunningServer server;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  @Test
  void everyEventArrivesInSequenceOrderPerSessionAcrossARestart() throws Exception {
    WebhookReceiver receiver = new WebhookReceiver(SECRET, 0.3, 42);
    open.add(receiver);
    server = start(receiver);
    provision();
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sessions.add(createSession(i).get("id").asText());
    }
    createSession(0); // the same ref again: no new session, so no event
    receiver.down(true);
    for (int i = 0; i < 3; i++) {
      call("DELETE", "/v1/sessions/" + sessions.get(i), null, 200);
    }
    call("POST", "/v1/numbers/+918040000001/health", "{\"status\":\"unhealthy\"}", 200);
    int pendingAtStop = call("GET", "/v1/events?state=pending", null, 200).size();

    server.close(); // stopped while deliveries are pending and being retried
    server = start(receiver);
    receiver.down(false);

    for (int i = 3; i < 8; i++) {
      call("DELETE", "/v1/sessions/" + sessions.get(i), null, 200);
    }
    List<JsonNode> recorded = awaitAllDelivered();

    assertThat(pendingAtStop).as("events left to deliver after the restart").isGreaterThan(3);
    assertThat(receiver.problems()).isEmpty();
    assertThat(receiver.failed()).as("the receiver failed some deliveries").isPositive();
    Map<String, JsonNode> arrived = new LinkedHashMap<>();
    for (JsonNode event : receiver.accepted()) {
      arrived.putIfAbsent(event.get("id").asText(), event);
    }
    assertThat(arrived.keySet()).containsExactlyInAnyOrderElementsOf(
        recorded.stream().map(e -> e.get("id").asText()).toList());
    Map<String, List<JsonNode>> bySession = new TreeMap<>();
    for (JsonNode event : arrived.values()) {
      String session = event.get("data").get("session").get("id").asText();
      bySession.computeIfAbsent(session, s -> new ArrayList<>()).add(event);
    }
    assertThat(bySession.keySet()).containsExactlyInAnyOrderElementsOf(sessions);
    int numbersChanged = 0;
    for (List<JsonNode> events : bySession.values()) {
      List<Long> sequences = events.stream().map(e -> e.get("sequence").asLong()).toList();
      List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
      assertThat(sequences).as("arrival order of " + types)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
      assertThat(types.get(0)).isEqualTo("session.created");
      assertThat(types.get(types.size() - 1)).isEqualTo("session.closed");
      numbersChanged += (int) types.stream().filter("session.numbers_changed"::equals).count();
    }
    assertThat(numbersChanged).as("sessions that used the unhealthy number").isPositive();
    JsonNode change = arrived.values().stream()
        .filter(e -> e.get("type").asText().equals("session.numbers_changed"))
        .findFirst().orElseThrow().get("data").get("changes").get(0);
    assertThat(change.get("old_number").asText()).isEqualTo("+918040000001");
    assertThat(change.get("new_number").asText()).startsWith("+91804000");
    assertThat(arrived.values().stream().map(e -> e.get("type").asText())
        .filter("session.created"::equals).count()).isEqualTo(8);
  }

  @Test
  void aMarketplaceThatStopsAnsweringHoldsUpNeitherTheApiNorShutdownAndLosesNothing()
      throws Exception {
    WebhookReceiver receiver = new WebhookReceiver(SECRET, 0.0, 7);
    open.add(receiver);
    server = start(receiver);
    provision();
    receiver.stall();
    long before = System.nanoTime();
    String session = createSession(0).get("id").asText();
    call("DELETE", "/v1/sessions/" + session, null, 200);
    Duration api = Duration.ofNanos(System.nanoTime() - before);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (receiver.stalled() == 0) {
      assertThat(System.nanoTime()).as("a delivery reached the receiver").isLessThan(deadline);
      Thread.sleep(20);
    }

    long stalledAt = System.nanoTime();
    long closing = System.nanoTime();
    server.close(); // the attempt in flight is cut short, not counted
    Duration shutdown = Duration.ofNanos(System.nanoTime() - closing);
    receiver.unstall();
    server = start(receiver);
    List<JsonNode> recorded = awaitAllDelivered();
    Duration redelivery = Duration.ofNanos(System.nanoTime() - stalledAt);

    assertThat(api).isLessThan(Duration.ofSeconds(1));
    assertThat(shutdown).as("shutdown waits for no answer").isLessThan(FAST.requestTimeout());
    assertThat(redelivery).as("the cut-short claim was released, not left to lapse")
        .isLessThan(FAST.claimLease().minusSeconds(3));
    assertThat(recorded).extracting(e -> e.get("type").asText())
        .containsExactlyInAnyOrder("session.created", "session.closed");
    assertThat(recorded).allSatisfy(e -> assertThat(e.get("attempts").asInt()).isZero());
    assertThat(receiver.accepted()).extracting(e -> e.get("sequence").asLong())
        .containsExactly(1L, 2L);
  }

  @Test
  void withoutAWebhookUrlEventsAreRecordedAndNothingIsSent() throws Exception {
    server = new RunningServer(dir.resolve("server"), Map.of(), FAST);
    open.add(server);
    provision();
    createSession(0);

    JsonNode events = call("GET", "/v1/events", null, 200);

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.get("type").asText()).isEqualTo("session.created");
      assertThat(e.get("state").asText()).isEqualTo("pending");
      assertThat(e.get("attempts").asInt()).isZero();
    });
  }

  private RunningServer start(WebhookReceiver receiver) {
    RunningServer running = new RunningServer(dir.resolve("server"), Map.of(
        "store.url", "jdbc:h2:file:" + dir.resolve("store").resolve("callmask"),
        "webhook.url", receiver.url(),
        "webhook.secret", SECRET), FAST);
    open.add(running);
    return running;
  }

  /** Waits (bounded) until nothing is pending; returns every event the server recorded. */
  private List<JsonNode> awaitAllDelivered() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (call("GET", "/v1/events?state=pending", null, 200).size() > 0) {
      assertThat(System.nanoTime()).as("all delivered in time").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(call("GET", "/v1/events?state=dead", null, 200)).isEmpty();
    List<JsonNode> all = new ArrayList<>();
    call("GET", "/v1/events", null, 200).forEach(all::add);
    Set<String> states = all.stream().map(e -> e.get("state").asText()).collect(Collectors.toSet());
    assertThat(states).containsExactly("delivered");
    return all;
  }

  private void provision() throws Exception {
    call("POST", "/v1/trunks", "{\"name\":\"a\",\"gateway\":\"127.0.0.1:5070\"}", 201);
    call("POST", "/v1/trunks", "{\"name\":\"b\",\"gateway\":\"127.0.0.2:5070\"}", 201);
    StringBuilder numbers = new StringBuilder("[");
    for (int i = 1; i <= 8; i++) {
      numbers.append(i > 1 ? "," : "").append("{\"number\":\"+91804000000").append(i)
          .append("\",\"trunk\":\"").append(i % 2 == 1 ? "a" : "b").append("\",\"region\":\"KA\",")
          .append("\"pool\":\"").append(i <= 4 ? "customer" : "partner").append("\"}");
    }
    call("POST", "/v1/numbers", numbers.append("]").toString(), 201);
  }

  private JsonNode createSession(int i) throws Exception {
    String body = "{\"customer\":\"+9198000001" + (10 + i) + "\",\"partner\":\"+9198000002"
        + (10 + i) + "\",\"region\":\"KA\",\"ref\":\"order-" + i + "\"}";
    HttpRequest request = request("POST", "/v1/sessions", body);
    return json.readTree(http.send(request, BodyHandlers.ofString()).body());
  }

  private JsonNode call(String method, String path, String body, int status) throws Exception {
    var response = http.send(request(method, path, body), BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    return json.readTree(response.body());
  }

  private HttpRequest request(String method, String path, String body) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Authorization", "Bearer " + server.token())
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
        .build();
  }
}
