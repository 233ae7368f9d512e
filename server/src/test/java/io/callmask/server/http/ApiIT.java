package io.callmask.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import static io.callmask.server.calls.TestCalls.answered;
import static io.callmask.server.calls.TestCalls.completed;
import static io.callmask.server.calls.TestCalls.ended;
import static io.callmask.server.calls.TestCalls.failedOver;
import static io.callmask.server.calls.TestCalls.ringing;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.RunningServer;
import io.callmask.server.SippProcess;
import io.callmask.server.calls.CallRecord;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONTRACT §5 over real HTTP against a running server on an in-memory store. */
class ApiIT {

  private static final String CUSTOMER = "+919800000001";
  private static final String PARTNER = "+919800000002";

  @TempDir Path dir;
  private RunningServer running;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A status and a parsed body. */
  private record Reply(int status, JsonNode body) {}

  @BeforeEach
  void start() throws Exception {
    running = new RunningServer(dir);
    assertThat(post("/v1/trunks", "{\"name\":\"airtel\",\"gateway\":\"127.0.0.1:5070\"}").status())
        .isEqualTo(201);
    assertThat(post("/v1/trunks", "{\"name\":\"jio\",\"gateway\":\"127.0.0.2:5070\",\"transport\":\"tcp\"}")
        .status()).isEqualTo(201);
    Reply added = post("/v1/numbers", """
        [{"number":"+918040000001","trunk":"airtel","region":"KA","pool":"customer"},
         {"number":"+918040000002","trunk":"jio","region":"KA","pool":"customer"},
         {"number":"+918040000003","trunk":"airtel","region":"KA","pool":"partner"},
         {"number":"+918040000004","trunk":"jio","region":"KA","pool":"partner"}]""");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().get("added").asInt()).isEqualTo(4);
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void createsASessionWithProxiesAndBackupsOnDifferentTrunks() throws Exception {
    Reply created = createSession("order-1");

    assertThat(created.status()).isEqualTo(201);
    JsonNode session = created.body();
    assertThat(session.get("status").asText()).isEqualTo("active");
    assertThat(session.get("region").asText()).isEqualTo("KA");
    assertThat(session.get("ref").asText()).isEqualTo("order-1");
    assertThat(session.get("closed_at").isNull()).isTrue();
    JsonNode customer = session.get("customer");
    assertThat(customer.get("number").asText()).isEqualTo(CUSTOMER);
    assertThat(customer.get("proxy").asText()).startsWith("+9180400000");
    assertThat(customer.get("backup_proxy").asText()).isNotEqualTo(customer.get("proxy").asText());
    assertThat(customer.get("click_to_call").asBoolean()).isFalse();
    assertThat(session.get("partner").get("number").asText()).isEqualTo(PARTNER);
  }

  @Test
  void sameRefIsIdempotentAndOtherPartiesConflict() throws Exception {
    String id = createSession("order-2").body().get("id").asText();

    Reply again = createSession("order-2");
    Reply conflict = post("/v1/sessions", "{\"customer\":\"+919800000009\",\"partner\":\"" + PARTNER
        + "\",\"region\":\"KA\",\"ref\":\"order-2\"}");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("id").asText()).isEqualTo(id);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.body().get("error").asText()).isEqualTo("ref_conflict");
  }

  @Test
  void readsByIdAndRefListsAndCloses() throws Exception {
    String id = createSession("order-3").body().get("id").asText();

    assertThat(get("/v1/sessions/" + id).body().get("id").asText()).isEqualTo(id);
    assertThat(get("/v1/sessions?ref=order-3").body().get("id").asText()).isEqualTo(id);
    assertThat(get("/v1/sessions?status=active").body()).hasSize(1);
    Reply closed = send(authorized("/v1/sessions/" + id).DELETE());
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.body().get("status").asText()).isEqualTo("closed");
    assertThat(closed.body().get("closed_at").asText()).endsWith("Z");
    assertThat(get("/v1/sessions?status=active").body()).isEmpty();
  }

  @Test
  void exhaustedPoolIs409NamingRegionPoolAndConstraint() throws Exception {
    createSession(null);

    // the customer already holds both customer-pool numbers with this partner's session;
    // a second session for the same customer needs two more distinct ones
    Reply exhausted = post("/v1/sessions", "{\"customer\":\"" + CUSTOMER
        + "\",\"partner\":\"+919800000003\",\"region\":\"KA\"}");

    assertThat(exhausted.status()).isEqualTo(409);
    assertThat(exhausted.body().get("error").asText()).isEqualTo("pool_exhausted");
    assertThat(exhausted.body().get("message").asText()).contains("KA").contains("customer");
  }

  @Test
  void unhealthyNumberIsReplacedInLiveSessions() throws Exception {
    post("/v1/numbers", "{\"number\":\"+918040000005\",\"trunk\":\"airtel\",\"region\":\"KA\",\"pool\":\"customer\"}");
    JsonNode session = createSession("order-4").body();
    String proxy = session.get("customer").get("proxy").asText();

    Reply report = post("/v1/numbers/" + proxy + "/health", "{\"status\":\"unhealthy\",\"reason\":\"carrier outage\"}");

    assertThat(report.status()).isEqualTo(200);
    assertThat(report.body().get("health").asText()).isEqualTo("unhealthy");
    assertThat(report.body().get("replaced_sessions").asInt()).isEqualTo(1);
    JsonNode after = get("/v1/sessions/" + session.get("id").asText()).body();
    assertThat(after.get("customer").get("proxy").asText()).isNotEqualTo(proxy);
    assertThat(after.get("customer").get("backup_proxy").asText()).isNotEqualTo(proxy);
  }

  @Test
  void listsTrunksNumbersAndStats() throws Exception {
    createSession("order-5");

    JsonNode trunks = get("/v1/trunks").body();
    JsonNode numbers = get("/v1/numbers?region=KA&trunk=airtel").body();
    JsonNode stats = get("/v1/stats").body();

    assertThat(trunks).hasSize(2);
    assertThat(trunks.get(0).get("allow").get(0).asText()).isEqualTo("127.0.0.1");
    assertThat(numbers).hasSize(2);
    assertThat(numbers.get(0).get("health").asText()).isEqualTo("healthy");
    assertThat(stats.get("pools")).hasSize(4);
    long live = 0;
    for (JsonNode pool : stats.get("pools")) {
      live += pool.get("live_sessions").asLong();
    }
    assertThat(live).isEqualTo(4);
  }

  @Test
  void badInputGetsAClear4xxAndChangesNothing() throws Exception {
    assertError(post("/v1/sessions", "{\"customer\":\"12\",\"partner\":\"" + PARTNER
        + "\",\"region\":\"KA\"}"), 400, "invalid_number");
    assertError(post("/v1/sessions", "{\"customer\":\"" + CUSTOMER + "\",\"partner\":\"" + PARTNER
        + "\",\"region\":\"MARS\"}"), 400, "unknown_region");
    assertError(post("/v1/sessions", "{\"customer\":\"" + CUSTOMER + "\",\"region\":\"KA\"}"),
        400, "missing_field");
    assertError(post("/v1/sessions", "{\"custmer\":\"" + CUSTOMER + "\"}"), 400, "unknown_field");
    assertError(post("/v1/sessions", "{\"customer\": +91"), 400, "invalid_json");
    assertError(post("/v1/sessions", "[1,2]"), 400, "invalid_field");
    assertError(post("/v1/sessions", "{\"customer\":1,\"partner\":2,\"region\":\"KA\"}"), 400, "invalid_field");
    assertError(get("/v1/sessions/no-such-id"), 404, "not_found");
    assertError(send(authorized("/v1/sessions/no-such-id").DELETE()), 404, "not_found");
    assertError(post("/v1/numbers/+918049999999/health", "{\"status\":\"unhealthy\"}"), 404, "not_found");
    assertError(post("/v1/numbers/12ab/health", "{\"status\":\"unhealthy\"}"), 400, "invalid_number");
    assertError(post("/v1/numbers/+918040000001/health", "{\"status\":\"sick\"}"), 400, "invalid_field");
    assertError(post("/v1/trunks", "{\"name\":\"airtel\",\"gateway\":\"127.0.0.1:5070\"}"), 409, "duplicate");
    assertError(post("/v1/trunks", "{\"name\":\"x\",\"gateway\":\"nohost\"}"), 400, "invalid_field");
    assertError(post("/v1/trunks", "{\"name\":\"x\",\"gateway\":\"10.0.0.1:5060\",\"allow\":[\"300.1.1.1\"]}"),
        400, "invalid_field");

    assertThat(get("/v1/sessions").body()).isEmpty();
    assertThat(get("/v1/trunks").body()).hasSize(2);
  }

  @Test
  void aBatchWithBadRowsAddsNothingAndNamesEveryRow() throws Exception {
    Reply refused = post("/v1/numbers", """
        [{"number":"+918040000010","trunk":"airtel","region":"KA","pool":"partner"},
         {"number":"not-a-number","trunk":"airtel","region":"KA","pool":"partner"},
         {"number":"+918040000011","trunk":"vodafone","region":"KA","pool":"partner"},
         {"number":"+918040000010","trunk":"airtel","region":"KA","pool":"partner"},
         {"number":"+918040000012","trunk":"airtel","region":"KA"}]""");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("error").asText()).isEqualTo("invalid_numbers");
    assertThat(refused.body().get("message").asText()).isEqualTo("4 of 5 rows are invalid; nothing was added");
    JsonNode rows = refused.body().get("rows");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).get("index").asInt()).isEqualTo(1);
    assertThat(rows.get(0).get("error").asText()).isEqualTo("invalid_number");
    assertThat(rows.get(1).get("error").asText()).isEqualTo("unknown_trunk");
    assertThat(rows.get(2).get("error").asText()).isEqualTo("duplicate");
    assertThat(rows.get(3).get("message").asText()).contains("two-pool");
    assertThat(get("/v1/numbers").body()).hasSize(4);
  }

  @Test
  void aNumberAlreadyRegisteredIs409() throws Exception {
    assertError(post("/v1/numbers",
        "{\"number\":\"+918040000001\",\"trunk\":\"airtel\",\"region\":\"KA\",\"pool\":\"customer\"}"),
        409, "duplicate");
  }

  @Test
  void callRecordsByIdBySessionNewestFirstAndOfAllSessions() throws Exception {
    String session = createSession("order-6").body().get("id").asText();
    QueuedCallLog log = running.server().callLog();
    log.record(ringing("call-1", session, 0));
    log.record(completed(answered(ringing("call-1", session, 0), 4), 61));
    log.record(ended(failedOver(ringing("call-2", session, 100)), CallStatus.BUSY, 486));
    log.record(ringing("call-3", "another-session", 200));
    assertThat(log.flush()).isTrue();

    JsonNode completed = get("/v1/calls/call-1").body();
    JsonNode busy = get("/v1/calls/call-2").body();

    assertThat(completed.toString()).isEqualTo("{\"id\":\"call-1\",\"session\":\"" + session
        + "\",\"kind\":\"forwarded\",\"from\":\"customer\",\"status\":\"completed\","
        + "\"attempts\":[{\"trunk\":\"airtel\",\"presented\":\"+918040000001\",\"sip_status\":200}],"
        + "\"started_at\":\"2026-03-01T10:00:00Z\",\"answered_at\":\"2026-03-01T10:00:04Z\","
        + "\"ended_at\":\"2026-03-01T10:01:05Z\",\"duration_s\":61,\"failure\":null}");
    assertThat(busy.get("status").asText()).isEqualTo("busy");
    assertThat(busy.get("failure").asText()).isEqualTo("outgoing");
    assertThat(busy.get("duration_s").isNull()).isTrue();
    assertThat(busy.get("attempts").toString()).isEqualTo(
        "[{\"trunk\":\"airtel\",\"presented\":\"+918040000001\",\"sip_status\":503},"
            + "{\"trunk\":\"jio\",\"presented\":\"+918040000002\",\"sip_status\":486}]");
    assertThat(ids(get("/v1/calls?session=" + session).body())).containsExactly("call-2", "call-1");
    assertThat(ids(get("/v1/calls?session=" + session + "&limit=1").body()))
        .containsExactly("call-2");
    assertThat(ids(get("/v1/calls?limit=2").body())).containsExactly("call-3", "call-2");
    assertThat(ids(get("/v1/calls").body())).containsExactly("call-3", "call-2", "call-1");
    assertThat(get("/v1/calls?session=no-such-session").body()).isEmpty();
  }

  @Test
  void statsCountCallsByStatusAndFailoversInTheWindowAskedFor() throws Exception {
    QueuedCallLog log = running.server().callLog();
    log.record(completed(answered(ringing("old", "s1", 0), 1), 5));
    log.record(ended(failedOver(ringing("old-busy", "s1", 10)), CallStatus.BUSY, 486));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CallRecord recent = ringing("recent", "s1", 0);
    log.record(new CallRecord(recent.id(), recent.session(), recent.kind(), recent.from(),
        recent.status(), recent.attempts(), now.minusSeconds(60), recent.answeredAt(),
        recent.endedAt(), recent.failure()));
    assertThat(log.flush()).isTrue();

    JsonNode lastDay = get("/v1/stats").body().get("calls");
    JsonNode allTime = get("/v1/stats?window=all").body().get("calls");
    JsonNode lastHour = get("/v1/stats?window=PT1H").body().get("calls");

    assertThat(lastDay.get("window").asText()).isEqualTo("PT24H");
    assertThat(Instant.parse(lastDay.get("since").asText()))
        .isBetween(now.minusSeconds(86_400 + 60), now.minusSeconds(86_400 - 60));
    assertThat(lastDay.get("total").asLong()).isEqualTo(1);
    assertThat(lastDay.get("by_status").get("ringing").asLong()).isEqualTo(1);
    assertThat(lastHour.get("total").asLong()).isEqualTo(1);
    assertThat(allTime.get("window").asText()).isEqualTo("all");
    assertThat(allTime.get("total").asLong()).isEqualTo(3);
    assertThat(allTime.get("failovers").asLong()).isEqualTo(1);
    assertThat(allTime.get("by_status").toString()).isEqualTo("{\"ringing\":1,\"answered\":0,"
        + "\"completed\":1,\"busy\":1,\"no_answer\":0,\"failed\":0,\"canceled\":0}");
  }

  @Test
  void badCallAndStatsQueriesGetA400AndUnknownCallsA404() throws Exception {
    assertError(get("/v1/calls/no-such-call"), 404, "not_found");
    assertError(get("/v1/calls?limit=0"), 400, "invalid_query");
    assertError(get("/v1/calls?limit=1001"), 400, "invalid_query");
    assertError(get("/v1/calls?limit=ten"), 400, "invalid_query");
    assertError(get("/v1/calls?limit=-5"), 400, "invalid_query");
    assertError(get("/v1/calls?session=&limit=5"), 400, "invalid_query");
    assertError(get("/v1/stats?window=yesterday"), 400, "invalid_query");
    assertError(get("/v1/stats?window=-PT1H"), 400, "invalid_query");
    assertError(get("/v1/stats?window=PT0S"), 400, "invalid_query");
    assertError(send(authorized("/v1/calls/x").DELETE()), 405, "method_not_allowed");
    assertThat(get("/v1/calls?limit=1000").status()).isEqualTo(200);
    assertThat(get("/v1/stats?window=P3650000D").status()).isEqualTo(200);
  }

  @Test
  void everyEndpointButHealthAndMetricsNeedsTheToken() throws Exception {
    for (String path : new String[] {"/v1/sessions", "/v1/trunks", "/v1/numbers", "/v1/stats",
        "/v1/calls", "/v1/calls/x"}) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(running.baseUrl() + path)).build(),
          BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void clickToCallIs202WithTheRingingCallAndTheRecordFollowsTheCall() throws Exception {
    JsonNode session = refusingTrunkSession();
    String id = session.get("id").asText();

    Reply started = post("/v1/sessions/" + id + "/calls", "{\"from\":\"partner\"}");

    assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
    JsonNode call = started.body();
    assertThat(call.get("kind").asText()).isEqualTo("click_to_call");
    assertThat(call.get("from").asText()).isEqualTo("partner");
    assertThat(call.get("status").asText()).isEqualTo("ringing");
    assertThat(call.get("session").asText()).isEqualTo(id);
    assertThat(call.get("attempts").get(0).get("presented").asText())
        .isEqualTo(session.get("partner").get("proxy").asText());
    assertThat(call.toString()).doesNotContain(PARTNER, CUSTOMER);
    // both of the first party's trunks refuse connections: the call fails on its first leg
    String callId = call.get("id").asText();
    JsonNode ended = awaitCall(callId, "failed");
    assertThat(ended.get("failure").asText()).isEqualTo("incoming");
    assertThat(ended.get("attempts")).hasSize(2);
  }

  @Test
  void clickToCallRefusalsAre404409And400() throws Exception {
    String id = refusingTrunkSession().get("id").asText();

    assertError(post("/v1/sessions/nope/calls", "{\"from\":\"customer\"}"), 404, "not_found");
    assertError(post("/v1/sessions/" + id + "/calls", "{\"from\":\"nobody\"}"), 400,
        "invalid_field");
    assertError(post("/v1/sessions/" + id + "/calls", "{}"), 400, "missing_field");
    assertError(post("/v1/sessions/" + id + "/calls", "{\"from\":\"customer\",\"to\":\"x\"}"),
        400, "unknown_field");
    assertError(post("/v1/sessions/" + id + "/calls", "[]"), 400, "invalid_field");
    assertThat(send(authorized("/v1/sessions/" + id).DELETE()).status()).isEqualTo(200);
    assertError(post("/v1/sessions/" + id + "/calls", "{\"from\":\"customer\"}"), 409,
        "session_closed");
    assertThat(get("/v1/calls?session=" + id).body()).isEmpty();
  }

  /**
   * A session in region DL, whose numbers are on TCP trunks with gateways that refuse
   * connections: click-to-calls there fail at once, none outlives the test.
   */
  private JsonNode refusingTrunkSession() throws Exception {
    for (String trunk : List.of("dl-a", "dl-b")) {
      assertThat(post("/v1/trunks", "{\"name\":\"" + trunk + "\",\"gateway\":\"127.0.0.1:"
          + SippProcess.freePort() + "\",\"transport\":\"tcp\"}").status()).isEqualTo(201);
    }
    assertThat(post("/v1/numbers", """
        [{"number":"+918041000001","trunk":"dl-a","region":"DL","pool":"customer"},
         {"number":"+918041000002","trunk":"dl-b","region":"DL","pool":"customer"},
         {"number":"+918041000003","trunk":"dl-a","region":"DL","pool":"partner"},
         {"number":"+918041000004","trunk":"dl-b","region":"DL","pool":"partner"}]""").status())
        .isEqualTo(201);
    Reply created = post("/v1/sessions", "{\"customer\":\"" + CUSTOMER + "\",\"partner\":\""
        + PARTNER + "\",\"region\":\"DL\"}");
    assertThat(created.status()).isEqualTo(201);
    return created.body();
  }

  /** Polls the call's record (written in the background) until it has {@code status}. */
  private JsonNode awaitCall(String id, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Reply reply;
    do {
      running.server().callLog().flush();
      reply = get("/v1/calls/" + id);
      if (reply.status() == 200 && reply.body().get("status").asText().equals(status)) {
        return reply.body();
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    } while (System.nanoTime() < deadline);
    throw new AssertionError("call " + id + " never became " + status + ": " + reply.body());
  }

  private static List<String> ids(JsonNode calls) {
    List<String> ids = new ArrayList<>();
    calls.forEach(call -> ids.add(call.get("id").asText()));
    return ids;
  }

  private Reply createSession(String ref) throws Exception {
    return post("/v1/sessions", "{\"customer\":\"" + CUSTOMER + "\",\"partner\":\"" + PARTNER
        + "\",\"region\":\"KA\"" + (ref == null ? "" : ",\"ref\":\"" + ref + "\"") + "}");
  }

  private static void assertError(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
    assertThat(reply.body().get("error").asText()).isEqualTo(code);
    assertThat(reply.body().get("message").asText()).isNotBlank();
  }

  private Reply get(String path) throws Exception {
    return send(authorized(path).GET());
  }

  private Reply post(String path, String json) throws Exception {
    return send(authorized(path).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json)));
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
        .header("Authorization", "Bearer " + running.token());
  }

  private Reply send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
    return new Reply(response.statusCode(),
        Json.readTree(response.body().getBytes(StandardCharsets.UTF_8)));
  }
}
