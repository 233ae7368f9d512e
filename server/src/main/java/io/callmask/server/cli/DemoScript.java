package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.demo.DemoCarrier;
import io.callmask.server.demo.ReceivedCall;
import io.callmask.sip.message.HostPort;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What {@code callmask demo} does once everything runs: provisions two trunks, four proxy numbers
 * and a session through the HTTP API, places three calls through the simulated carriers, and
 * prints a transcript. Each call is checked against CONTRACT §6 (who rings, which caller ID, no
 * real number shown); {@link #run} says whether every check held. Not thread-safe.
 */
final class DemoScript {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration RECORD_POLL = Duration.ofMillis(20);
  private static final String REGION = "KA";
  private static final String CUSTOMER = "+919845011111";
  private static final String PARTNER = "+919845022222";

  private final ApiClient api;
  private final HostPort server;
  private final PrintWriter out;
  private final DemoCarrier operatorA;
  private final DemoCarrier operatorB;
  private final Map<String, DemoCarrier> carrierOfNumber = new HashMap<>();
  private boolean allAsPromised = true;

  DemoScript(ApiClient api, HostPort server, PrintWriter out, DemoCarrier operatorA,
      DemoCarrier operatorB) {
    this.api = api;
    this.server = server;
    this.out = out;
    this.operatorA = operatorA;
    this.operatorB = operatorB;
  }

  boolean run() throws Exception {
    provision();
    JsonNode session = api.post("/v1/sessions",
        Map.of("customer", CUSTOMER, "partner", PARTNER, "region", REGION));
    String id = session.get("id").asText();
    Side customer = Side.of(session.get("customer"));
    Side partner = Side.of(session.get("partner"));
    out.printf("Session %s: customer %s and partner %s, region %s%n", id, CUSTOMER, PARTNER,
        REGION);
    out.printf("  the customer dials %s to reach the partner (backup %s)%n", customer.proxy,
        customer.backup);
    out.printf("  the partner dials %s to reach the customer (backup %s)%n%n", partner.proxy,
        partner.backup);

    out.println("Call 1: the customer calls the partner");
    call("customer", CUSTOMER, customer.proxy, "partner", PARTNER, partner.proxy);
    out.println("Call 2: the partner calls the customer");
    call("partner", PARTNER, partner.proxy, "customer", CUSTOMER, customer.proxy);
    DemoCarrier failing = carrierOfNumber.get(partner.proxy);
    out.printf("Call 3: the customer calls the partner, and %s refuses the call with 503%n",
        failing.name());
    failing.refuseNextCall(503);
    int status = dial("customer", CUSTOMER, customer.proxy);
    Optional<ReceivedCall> refused = failing.nextReceived(WAIT);
    if (refused.isEmpty()) {
      notAsPromised(failing.name() + " never got the first attempt");
    } else {
      out.printf("  %s got the first attempt for %s showing %s, and answered %d%n",
          failing.name(), refused.get().dialed(), refused.get().callerId(),
          refused.get().answeredWith());
      check(refused.get().callerId().equals(partner.proxy), "the first attempt presented "
          + partner.proxy);
    }
    ring(status, "partner", PARTNER, partner.backup, CUSTOMER);

    printCallRecords(id);
    out.println(allAsPromised
        ? "Every call as promised: each party saw only proxy numbers, never the other's number."
        : "Some calls did NOT go as promised; see the lines marked NOT AS PROMISED above.");
    return allAsPromised;
  }

  private void provision() {
    for (DemoCarrier carrier : List.of(operatorA, operatorB)) {
      api.post("/v1/trunks", Map.of("name", carrier.name(), "gateway",
          carrier.address().toString(), "allow", List.of("127.0.0.1/32")));
    }
    List<Map<String, Object>> numbers = List.of(
        number("+918040000001", operatorA, "customer"),
        number("+918040000002", operatorB, "customer"),
        number("+918040000101", operatorA, "partner"),
        number("+918040000102", operatorB, "partner"));
    api.post("/v1/numbers", numbers);
    out.printf("Provisioned trunks %s and %s, and 4 proxy numbers in region %s%n",
        operatorA.name(), operatorB.name(), REGION);
  }

  private Map<String, Object> number(String e164, DemoCarrier carrier, String pool) {
    carrierOfNumber.put(e164, carrier);
    return Map.of("number", e164, "trunk", carrier.name(), "region", REGION, "pool", pool);
  }

  /**
   * {@code callerNumber} dials {@code dialed}; the call must ring {@code calleeNumber} at the
   * carrier of {@code expectedCallerId}, showing that number and not the caller's.
   */
  private void call(String caller, String callerNumber, String dialed, String callee,
      String calleeNumber, String expectedCallerId) throws Exception {
    ring(dial(caller, callerNumber, dialed), callee, calleeNumber, expectedCallerId, callerNumber);
  }

  /** The phone of {@code caller} dials {@code dialed}; returns the status the caller got. */
  private int dial(String caller, String callerNumber, String dialed) throws Exception {
    DemoCarrier origin = carrierOfNumber.get(dialed);
    out.printf("  the %s's phone (%s) dials %s, delivered by %s%n", caller, callerNumber, dialed,
        origin.name());
    return origin.placeCall(callerNumber, dialed, server).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The call the caller got {@code status} for must have rung as {@link #call} says. */
  private void ring(int status, String callee, String calleeNumber, String expectedCallerId,
      String hidden) throws Exception {
    DemoCarrier destination = carrierOfNumber.get(expectedCallerId);
    Optional<ReceivedCall> rang = destination.nextReceived(WAIT);
    if (rang.isEmpty()) {
      notAsPromised(callee + "'s phone never rang at " + destination.name()
          + " (the caller got " + status + ")");
      return;
    }
    ReceivedCall seen = rang.get();
    out.printf("  the %s's phone (%s) rings at %s showing caller ID %s%s; answered, then hung up"
            + " (the caller got %d)%n", callee, seen.dialed(), destination.name(),
        seen.callerId(), seen.assertedId().map(a -> ", asserted " + a).orElse(""), status);
    check(status == 200, "the caller's call was answered");
    check(seen.dialed().equals(calleeNumber), "the call reached " + callee + "'s real number");
    check(seen.callerId().equals(expectedCallerId), callee + " saw " + expectedCallerId);
    String digits = hidden.substring(1);
    boolean leaked = seen.callerId().contains(digits)
        || seen.assertedId().map(a -> a.contains(digits)).orElse(false);
    check(!leaked, callee + " never saw the caller's number " + hidden);
    out.println();
  }

  private void printCallRecords(String session) {
    JsonNode calls;
    try {
      calls = endedCalls(session);
    } catch (CliFailure e) {
      out.println("Call records: not available from this server (" + e.getMessage() + ")");
      return;
    }
    out.printf("Call records (GET /v1/calls?session=%s):%n", session);
    for (JsonNode call : calls) {
      StringBuilder attempts = new StringBuilder();
      for (JsonNode attempt : call.path("attempts")) {
        attempts.append(String.format(" [%s presenting %s: %s]", Output.text(attempt, "trunk"),
            Output.text(attempt, "presented"), Output.text(attempt, "sip_status")));
      }
      out.printf("  %s from %s: %s,%s%n", Output.text(call, "kind"), Output.text(call, "from"),
          Output.text(call, "status"), attempts);
    }
    out.println();
  }

  /**
   * The session's call records once all have ended, or as they are after {@link #WAIT}. A record
   * is written behind its call: the caller's hang-up is answered before the callee's leg is over
   * and the record saved, so the last call may still read "answered" for a moment.
   */
  private JsonNode endedCalls(String session) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode calls = api.get("/v1/calls?session=" + session);
    while (!allEnded(calls) && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(RECORD_POLL.toNanos());
      calls = api.get("/v1/calls?session=" + session);
    }
    return calls;
  }

  private static boolean allEnded(JsonNode calls) {
    for (JsonNode call : calls) {
      if (!call.hasNonNull("ended_at")) {
        return false;
      }
    }
    return true;
  }

  private void check(boolean held, String promise) {
    if (!held) {
      notAsPromised(promise);
    }
  }

  private synchronized void notAsPromised(String promise) {
    allAsPromised = false;
    out.println("  NOT AS PROMISED: " + promise);
  }

  /** What one party of the session sees, as the API shows it. */
  private record Side(String proxy, String backup) {
    static Side of(JsonNode side) {
      return new Side(side.get("proxy").asText(), side.get("backup_proxy").asText());
    }
  }
}
