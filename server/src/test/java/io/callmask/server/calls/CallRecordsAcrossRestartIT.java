package io.callmask.server.calls;

import static io.callmask.server.calls.TestCalls.answered;
import static io.callmask.server.calls.TestCalls.completed;
import static io.callmask.server.calls.TestCalls.ringing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.RunningServer;
import io.callmask.server.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graceful shutdown writes the call records still queued before the store closes. */
class CallRecordsAcrossRestartIT {

  private static final int CALLS = 2_000;

  @TempDir Path dir;

  @Test
  void everyCallsLatestSnapshotQueuedBeforeShutdownIsThereAfterARestart() throws Exception {
    Map<String, String> store =
        Map.of("store.url", "jdbc:h2:file:" + dir.resolve("store").resolve("callmask"));
    try (RunningServer first = new RunningServer(dir.resolve("first"), store)) {
      CallLog log = first.server().callLog();
      for (int i = 0; i < CALLS; i++) {
        CallRecord start = ringing("call-" + i, "s1", i);
        log.record(start);
        log.record(completed(answered(start, 2), 30));
      }
    }

    try (RunningServer second = new RunningServer(dir.resolve("second"), store)) {
      JsonNode newest = get(second, "/v1/calls?session=s1&limit=1000");
      Set<String> statuses = new HashSet<>();
      newest.forEach(call -> statuses.add(call.get("status").asText()));

      assertThat(newest).hasSize(1_000);
      assertThat(newest.get(0).get("id").asText()).isEqualTo("call-" + (CALLS - 1));
      assertThat(statuses).containsExactly("completed");
      assertThat(get(second, "/v1/calls/call-0").get("status").asText()).isEqualTo("completed");
      assertThat(get(second, "/v1/stats?window=all").get("calls").get("total").asInt())
          .isEqualTo(CALLS);
    }
  }

  private static JsonNode get(RunningServer server, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Authorization", "Bearer " + server.token())
        .build();
    String body = HttpClient.newHttpClient().send(request, BodyHandlers.ofString()).body();
    return Json.readTree(body.getBytes(StandardCharsets.UTF_8));
  }
}
