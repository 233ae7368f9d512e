package io.callmask.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import static io.callmask.server.calls.TestCalls.answered;
import static io.callmask.server.calls.TestCalls.completed;
import static io.callmask.server.calls.TestCalls.ended;
import static io.callmask.server.calls.TestCalls.failedOver;
import static io.callmask.server.calls.TestCalls.ringing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callmask.server.RunningServer;
import io.callmask.server.SippProcess;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.QueuedCallLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/openapi.yaml against the running server: same operations, and answers that fit it. */
class OpenApiIT {

  private static final Path DESCRIPTION = Path.of("..", "docs", "openapi.yaml");

  @TempDir Path dir;
  private RunningServer running;
  private JsonNode openapi;
  private SchemaCheck schemas;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> problems = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    openapi = new ObjectMapper(new YAMLFactory()).readTree(DESCRIPTION.toFile());
    schemas = new SchemaCheck(openapi);
    running = new RunningServer(dir);
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void describesExactlyTheOperationsTheServerServes() {
    List<String> documented = new ArrayList<>();
    openapi.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> {
          if (!method.equals("parameters")) {
            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
          }
        }));

    assertThat(documented).containsExactlyInAnyOrderElementsOf(running.server().apiRoutes());
  }

  @Test
  void everyAnswerOfARealSessionFitsItsDocumentedSchema() throws Exception {
    call("POST", "/v1/trunks", "{\"name\":\"a\",\"gateway\":\"127.0.0.1:5070\"}", 201);
    call("POST", "/v1/trunks", "{\"name\":\"b\",\"gateway\":\"127.0.0.2:5070\"}", 201);
    call("POST", "/v1/trunks", "{\"name\":\"a\",\"gateway\":\"127.0.0.1:5070\"}", 409);
    call("POST", "/v1/numbers", "{\"number\":\"+918040000001\",\"trunk\":\"a\",\"region\":\"KA\",\"pool\":\"customer\"}", 201);
    call("POST", "/v1/numbers", "[{\"number\":\"+918040000002\",\"trunk\":\"b\",\"region\":\"KA\",\"pool\":\"customer\"},"
        + "{\"number\":\"+918040000003\",\"trunk\":\"a\",\"region\":\"KA\",\"pool\":\"partner\"},"
        + "{\"number\":\"+918040000004\",\"trunk\":\"b\",\"region\":\"KA\",\"pool\":\"partner\"}]", 201);
    call("POST", "/v1/numbers", "[{\"number\":\"x\",\"trunk\":\"a\",\"region\":\"KA\"}]", 400);
    JsonNode session = call("POST", "/v1/sessions",
        "{\"customer\":\"+919800000001\",\"partner\":\"+919800000002\",\"region\":\"KA\",\"ref\":\"o1\"}", 201);
    String id = session.get("id").asText();
    call("POST", "/v1/sessions",
        "{\"customer\":\"+919800000001\",\"partner\":\"+919800000002\",\"region\":\"KA\",\"ref\":\"o1\"}", 200);
    call("POST", "/v1/sessions", "{\"customer\":\"+919800000001\"}", 400);
    call("GET", "/v1/sessions/" + id, null, 200);
    call("GET", "/v1/sessions?ref=o1", null, 200);
    call("GET", "/v1/sessions", null, 200);
    call("GET", "/v1/sessions/nope", null, 404);
    call("GET", "/v1/trunks", null, 200);
    call("GET", "/v1/numbers", null, 200);
    QueuedCallLog calls = running.server().callLog();
    calls.record(completed(answered(failedOver(ringing("call-1", id, 0)), 3), 42));
    calls.record(ended(ringing("call-2", id, 60), CallStatus.BUSY, 486));
    calls.record(ringing("call-3", id, 120));
    assertThat(calls.flush()).isTrue();
    call("GET", "/v1/calls/call-1", null, 200);
    call("GET", "/v1/calls/call-2", null, 200);
    call("GET", "/v1/calls/nope", null, 404);
    call("GET", "/v1/calls?session=" + id, null, 200);
    call("GET", "/v1/calls?limit=2", null, 200);
    call("GET", "/v1/calls?limit=0", null, 400);
    call("GET", "/v1/stats", null, 200);
    call("GET", "/v1/stats?window=all", null, 200);
    call("GET", "/v1/stats?window=soon", null, 400);
    // click-to-calls in region DL, on TCP trunks that refuse connections: they end at once
    call("POST", "/v1/trunks", "{\"name\":\"c\",\"gateway\":\"127.0.0.1:"
        + SippProcess.freePort() + "\",\"transport\":\"tcp\"}", 201);
    call("POST", "/v1/trunks", "{\"name\":\"d\",\"gateway\":\"127.0.0.1:"
        + SippProcess.freePort() + "\",\"transport\":\"tcp\"}", 201);
    call("POST", "/v1/numbers", "[{\"number\":\"+918041000001\",\"trunk\":\"c\",\"region\":\"DL\",\"pool\":\"customer\"},"
        + "{\"number\":\"+918041000002\",\"trunk\":\"d\",\"region\":\"DL\",\"pool\":\"customer\"},"
        + "{\"number\":\"+918041000003\",\"trunk\":\"c\",\"region\":\"DL\",\"pool\":\"partner\"},"
        + "{\"number\":\"+918041000004\",\"trunk\":\"d\",\"region\":\"DL\",\"pool\":\"partner\"}]", 201);
    String dl = call("POST", "/v1/sessions",
        "{\"customer\":\"+919800000001\",\"partner\":\"+919800000002\",\"region\":\"DL\"}", 201)
        .get("id").asText();
    call("POST", "/v1/sessions/" + dl + "/calls", "{\"from\":\"customer\"}", 202);
    call("POST", "/v1/sessions/" + dl + "/calls", "{\"from\":\"someone\"}", 400);
    call("POST", "/v1/sessions/nope/calls", "{\"from\":\"partner\"}", 404);
    call("DELETE", "/v1/sessions/" + dl, null, 200);
    call("POST", "/v1/sessions/" + dl + "/calls", "{\"from\":\"partner\"}", 409);
    call("POST", "/v1/numbers/+918040000001/health", "{\"status\":\"unhealthy\"}", 200);
    call("DELETE", "/v1/sessions/" + id, null, 200);
    JsonNode events = call("GET", "/v1/events", null, 200);
    String event = events.get(0).get("id").asText();
    call("GET", "/v1/events?state=pending&session=" + id, null, 200);
    call("GET", "/v1/events?state=lost", null, 400);
    call("GET", "/v1/events/" + event, null, 200);
    call("GET", "/v1/events/nope", null, 404);
    call("POST", "/v1/events/" + event + "/retry", null, 409);
    call("POST", "/v1/events/nope/retry", null, 404);
    call("GET", "/healthz", null, 200);

    assertThat(problems).isEmpty();
  }

  /** Sends a request, expects {@code status}, and checks the body against the description. */
  private JsonNode call(String method, String target, String body, int status) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.baseUrl() + target))
        .header("Authorization", "Bearer " + running.token())
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + target + ": " + response.body())
        .isEqualTo(status);
    JsonNode json = Json.readTree(response.body().getBytes(StandardCharsets.UTF_8));
    JsonNode operation = openapi.get("paths").get(documentedPath(target))
        .get(method.toLowerCase(Locale.ROOT));
    JsonNode answer = schemas.resolve(operation.get("responses").get(String.valueOf(status)));
    assertThat(answer).as("documented " + status + " for " + method + " " + target).isNotNull();
    JsonNode schema = answer.get("content").get("application/json").get("schema");
    for (String problem : schemas.problems(schema, json)) {
      problems.add(method + " " + target + " " + status + ": " + problem);
    }
    return json;
  }

  /** The description's path template that {@code target} fills in. */
  private String documentedPath(String target) {
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    String[] segments = path.split("/");
    for (var it = openapi.get("paths").fieldNames(); it.hasNext(); ) {
      String template = it.next();
      String[] parts = template.split("/");
      if (parts.length != segments.length) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < parts.length && matches; i++) {
        matches = parts[i].startsWith("{") || parts[i].equals(segments[i]);
      }
      if (matches) {
        return template;
      }
    }
    throw new AssertionError("no documented path for " + target);
  }
}
