package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callmask.server.RunningServer;
import io.callmask.server.demo.DemoCarrier;
import io.callmask.sip.message.HostPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What repeated failures do, end to end on real sockets (carriers simulated on our own SIP stack):
 * forwarded calls toward the partner fail on both trunks twice, so the partner's click-to-call is
 * enabled and the numbers that failed are marked unhealthy and replaced — with the events that
 * tell the marketplace — while a call to a replaced number still reaches the session.
 */
class OutcomePoliciesIT {

  private static final String CUSTOMER = "+919845011111";
  private static final String PARTNER = "+919845022222";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final DemoCarrier operatorA = new DemoCarrier("operator-a");
  private final DemoCarrier operatorB = new DemoCarrier("operator-b");
  private RunningServer server;

  @BeforeEach
  void start() {
    operatorA.start();
    operatorB.start();
    server = new RunningServer(dir, Map.of("sip.tcp", "", "failover.timeout", "PT1S",
        "click-to-call.after-failures", "2", "health.after-failures", "2"));
    for (DemoCarrier carrier : List.of(operatorA, operatorB)) {
      post("/v1/trunks", Map.of("name", carrier.name(), "gateway", carrier.address().toString(),
          "allow", List.of("127.0.0.1/32")));
    }
    post("/v1/numbers", List.of(
        number("+918040000001", operatorA, "customer"),
        number("+918040000002", operatorB, "customer"),
        number("+918040000101", operatorA, "partner"),
        number("+918040000102", operatorB, "partner"),
        number("+918040000103", operatorA, "partner"),
        number("+918040000104", operatorB, "partner")));
  }

  @AfterEach
  void stop() {
    server.close();
    operatorA.close();
    operatorB.close();
  }

  @Test
  void repeatedFailuresEnableClickToCallAndReplaceTheFailingNumbersWithoutCuttingAnyoneOff()
      throws Exception {
    JsonNode session = post("/v1/sessions",
        Map.of("customer", CUSTOMER, "partner", PARTNER, "region", "KA"));
    String id = session.get("id").asText();
    String dialed = session.get("customer").get("proxy").asText();
    String oldPartnerProxy = session.get("partner").get("proxy").asText();
    DemoCarrier origin = dialed.endsWith("1") ? operatorA : operatorB;

    for (int call = 0; call < 2; call++) {
      operatorA.refuseNextCall(503);
      operatorB.refuseNextCall(503);
      int status = origin.placeCall(CUSTOMER, dialed, sip()).get(10, TimeUnit.SECONDS);
      assertThat(status).as("call %d fails on both trunks", call).isBetween(500, 599);
    }

    JsonNode changed = await(() -> get("/v1/sessions/" + id),
        s -> s.get("partner").get("click_to_call").asBoolean()
            && !s.get("partner").get("proxy").asText().equals(oldPartnerProxy));
    assertThat(changed.get("customer").get("click_to_call").asBoolean()).isFalse();
    assertThat(changed.get("customer").get("proxy").asText()).isEqualTo(dialed);
    List<String> types = new ArrayList<>();
    await(() -> get("/v1/events?session=" + id), events -> {
      types.clear();
      events.forEach(event -> types.add(event.get("type").asText()));
      return types.contains("session.click_to_call_enabled")
          && types.contains("session.numbers_changed")
          && types.stream().filter("call.completed"::equals).count() == 2;
    });
    JsonNode unhealthy = get("/v1/numbers?health=unhealthy");
    assertThat(unhealthy.findValuesAsText("number")).contains(oldPartnerProxy);

    DemoCarrier partnerOrigin = oldPartnerProxy.endsWith("1") || oldPartnerProxy.endsWith("3")
        ? operatorA : operatorB;
    int graceCall = partnerOrigin.placeCall(PARTNER, oldPartnerProxy, sip())
        .get(10, TimeUnit.SECONDS);
    assertThat(graceCall).as("the partner dialing its replaced number still reaches the customer")
        .isEqualTo(200);
    int newCall = origin.placeCall(CUSTOMER, dialed, sip()).get(10, TimeUnit.SECONDS);
    assertThat(newCall).as("the customer reaches the partner through the new numbers")
        .isEqualTo(200);
  }

  private HostPort sip() {
    return server.server().udpAddress().orElseThrow();
  }

  private static Map<String, Object> number(String e164, DemoCarrier carrier, String pool) {
    return Map.of("number", e164, "trunk", carrier.name(), "region", "KA", "pool", pool);
  }

  private JsonNode await(ThrowingSupplier read, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode last = read.get();
    while (!done.test(last)) {
      assertThat(System.nanoTime()).as("waited 10 s; last answer: %s", last).isLessThan(deadline);
      Thread.sleep(50);
      last = read.get();
    }
    return last;
  }

  private JsonNode get(String path) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Authorization", "Bearer " + server.token()).GET().build(),
        BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode post(String path, Object body) {
    try {
      var response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
          .header("Authorization", "Bearer " + server.token())
          .header("Content-Type", "application/json")
          .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
          BodyHandlers.ofString());
      assertThat(response.statusCode()).as("POST %s: %s", path, response.body())
          .isBetween(200, 299);
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException("POST " + path, e);
    }
  }

  /** A read that may fail with I/O. */
  @FunctionalInterface
  private interface ThrowingSupplier {
    JsonNode get() throws Exception;
  }
}
