package io.callmask.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callmask.server.RunningServer;
import io.callmask.server.cli.CallmaskCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A marketplace that keeps failing: the event goes dead after the last attempt, shows up in the
 * API and the CLI, and an operator's retry delivers it once the marketplace is back.
 */
class DeadLetterIT {

  private static final String SECRET = "whsec-dead";
  private static final int MAX_ATTEMPTS = 3;
  private static final DeliverySettings FAST = new DeliverySettings(Duration.ofSeconds(1),
      Duration.ofSeconds(2), Duration.ofMillis(50), 2,
      new BackoffPolicy(Duration.ofMillis(10), Duration.ofMillis(50), MAX_ATTEMPTS));

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private WebhookReceiver receiver;
  private RunningServer server;

  @BeforeEach
  void start() throws Exception {
    receiver = new WebhookReceiver(SECRET, 0.0, 1);
    receiver.down(true);
    server = new RunningServer(dir, Map.of("webhook.url", receiver.url(),
        "webhook.secret", SECRET), FAST);
  }

  @AfterEach
  void stop() {
    server.close();
    receiver.close();
  }

  @Test
  void anEventThatKeepsFailingGoesDeadIsListedAndCanBeRetried() throws Exception {
    call("POST", "/v1/trunks", "{\"name\":\"a\",\"gateway\":\"127.0.0.1:5070\"}", 201);
    call("POST", "/v1/trunks", "{\"name\":\"b\",\"gateway\":\"127.0.0.2:5070\"}", 201);
    StringBuilder numbers = new StringBuilder("[");
    for (int i = 1; i <= 4; i++) {
      numbers.append(i > 1 ? "," : "").append("{\"number\":\"+91804000000").append(i)
          .append("\",\"trunk\":\"").append(i % 2 == 1 ? "a" : "b")
          .append("\",\"region\":\"KA\",\"pool\":\"").append(i <= 2 ? "customer" : "partner")
          .append("\"}");
    }
    call("POST", "/v1/numbers", numbers.append("]").toString(), 201);
    String session = call("POST", "/v1/sessions", "{\"customer\":\"+919800000001\","
        + "\"partner\":\"+919800000002\",\"region\":\"KA\"}", 201).get("id").asText();

    JsonNode dead = awaitOne("dead");
    String id = dead.get("id").asText();
    assertThat(dead.get("type").asText()).isEqualTo("session.created");
    assertThat(dead.get("session").asText()).isEqualTo(session);
    assertThat(dead.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
    assertThat(dead.get("last_error").asText()).isEqualTo("HTTP 503");
    assertThat(receiver.failed()).isEqualTo(MAX_ATTEMPTS);

    String[] listed = cli("events", "list", "--state", "dead").split("\n");
    assertThat(listed).hasSize(2);
    assertThat(listed[0]).startsWith("ID").contains("TYPE", "STATE", "ATTEMPTS", "LAST ERROR");
    assertThat(listed[1]).startsWith(id).contains("session.created", session, "dead", "3",
        "HTTP 503");
    assertThat(cli("events", "list", "--state", "delivered").split("\n")).hasSize(1);

    receiver.down(false);
    assertThat(cli("events", "retry", id)).isEqualTo("requeued " + id + " (session.created)\n");
    JsonNode delivered = awaitOne("delivered");

    assertThat(delivered.get("id").asText()).isEqualTo(id);
    assertThat(receiver.accepted()).singleElement()
        .satisfies(event -> assertThat(event.get("id").asText()).isEqualTo(id));
    assertThat(call("GET", "/v1/events?state=dead", null, 200)).isEmpty();
    call("POST", "/v1/events/" + id + "/retry", null, 409);
    call("POST", "/v1/events/nope/retry", null, 404);
  }

  /** Waits (bounded) for exactly one event in {@code state}. */
  private JsonNode awaitOne(String state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode events = call("GET", "/v1/events?state=" + state, null, 200);
    while (events.size() == 0) {
      assertThat(System.nanoTime()).as("an event became " + state).isLessThan(deadline);
      Thread.sleep(20);
      events = call("GET", "/v1/events?state=" + state, null, 200);
    }
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CallmaskCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = server.baseUrl();
    all[args.length + 2] = "--token";
    all[args.length + 3] = server.token();
    int exit = commandLine.execute(all);
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  private JsonNode call(String method, String path, String body, int status) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Authorization", "Bearer " + server.token())
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
        .build();
    var response = http.send(request, BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    return json.readTree(response.body());
  }
}
