package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callmask.server.RunningServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trunk probing on real sockets: a running server probes a SIPp gateway, sees it up, sees it down
 * soon after SIPp is killed, and up again when SIPp comes back, through the API and the metrics.
 */
class TrunkProbeIT {

  private static final Duration INTERVAL = Duration.ofMillis(300);
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final int FAILURES = 2;
  /**
   * The latest a dead gateway is seen down: its last answered probe may have left just before it
   * died, then {@code FAILURES} rounds each fail, the last at its timeout.
   */
  private static final Duration EXPECTED_DOWN = INTERVAL.multipliedBy(FAILURES).plus(TIMEOUT);
  /** Timer ticks, store reads and a busy shared machine. */
  private static final Duration SLACK = Duration.ofSeconds(2);

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private RunningServer running;

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"udp", "tcp"})
  void aGatewayIsUpWhileItAnswersDownSoonAfterItDiesAndUpWhenItReturns(String transport)
      throws Exception {
    SippGateway.assumeInstalled();
    int port = SippGateway.freePort();
    running = new RunningServer(dir.resolve("server"), Map.of(
        "trunk.probe-interval", INTERVAL.toString(),
        "trunk.probe-timeout", TIMEOUT.toString(),
        "trunk.probe-failures", Integer.toString(FAILURES)));
    try {
      SippGateway gateway = SippGateway.start(dir, port, transport);
      try {
        addTrunk("carrier", port, transport);
        awaitStatus("carrier", "up", Duration.ofSeconds(10), gateway);
        assertThat(metrics()).contains("callmask_trunk_up{trunk=\"carrier\"} 1.0");

        long killedAt = System.nanoTime();
        gateway.kill();
        awaitStatus("carrier", "down", EXPECTED_DOWN.plus(SLACK), gateway);
        Duration tookDown = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(tookDown).as("down %d ms after the gateway died", tookDown.toMillis())
            .isLessThanOrEqualTo(EXPECTED_DOWN.plus(SLACK));
        assertThat(metrics()).contains("callmask_trunk_up{trunk=\"carrier\"} 0.0");
      } finally {
        gateway.close();
      }

      try (SippGateway back = SippGateway.start(dir, port, transport)) {
        awaitStatus("carrier", "up", INTERVAL.plus(TIMEOUT).plus(SLACK), back);
      }
    } finally {
      running.close();
    }
  }

  private void addTrunk(String name, int port, String transport) throws Exception {
    String body = "{\"name\":\"" + name + "\",\"gateway\":\"127.0.0.1:" + port
        + "\",\"transport\":\"" + transport + "\"}";
    var response = http.send(authorized("/v1/trunks")
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  /** Polls {@code GET /v1/trunks} until {@code trunk} has {@code status}, failing at the limit. */
  private void awaitStatus(String trunk, String status, Duration limit, SippGateway gateway)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    String seen = null;
    while (System.nanoTime() - deadline < 0) {
      seen = status(trunk);
      if (status.equals(seen)) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    throw new AssertionError("trunk " + trunk + " still " + seen + ", not " + status + ", after "
        + limit.toMillis() + " ms; SIPp said:\n" + gateway.log());
  }

  private String status(String trunk) throws IOException, InterruptedException {
    String body = http.send(authorized("/v1/trunks").GET().build(), BodyHandlers.ofString()).body();
    for (JsonNode node : json.readTree(body)) {
      if (node.get("name").asText().equals(trunk)) {
        return node.get("status").asText();
      }
    }
    return "missing";
  }

  private String metrics() throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(running.baseUrl() + "/metrics")).GET()
        .build(), BodyHandlers.ofString()).body();
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
        .header("Authorization", "Bearer " + running.token());
  }
}
