package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.MaskingTestbed;
import io.callmask.server.SippProcess;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Click-to-call on real sockets: the API asks for the call, SIPp plays the carrier of each party
 * (the customer's numbers are on trunks c1 and c2, the partner's on p1 and p2, each trunk's
 * gateway its own SIPp port). Checks what each party's carrier saw: its own proxy as caller ID,
 * the other party's media description, nothing of the other party's number or leg.
 */
class ClickToCallIT {

  private static final String CUSTOMER = "+919845011111";
  private static final String PARTNER = "+919887654321";
  private static final String CUSTOMER_RTP = "16000";
  private static final String PARTNER_RTP = "17000";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private MaskingTestbed testbed;
  private final Map<String, Integer> trunkPorts = new HashMap<>();
  private JsonNode session;

  @BeforeAll
  static void requireSipp() {
    SippProcess.assumeInstalled();
  }

  @BeforeEach
  void start() throws Exception {
    testbed = new MaskingTestbed(dir, Map.of("click-to-call.ring-timeout", "PT1S"));
    for (String trunk : new String[] {"c1", "c2", "p1", "p2"}) {
      trunkPorts.put(trunk, SippProcess.freePort());
    }
  }

  @AfterEach
  void stop() {
    testbed.close();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void eachPartySeesItsOwnProxyAndTheOthersMediaAndTheyAreJoined(Transport transport)
      throws Exception {
    provision(transport);

    try (SippProcess customer = party("c2c-first-answers.xml", transport, "customer");
        SippProcess partner = party("c2c-second-answers.xml", transport, "partner")) {
      JsonNode call = clickToCall("customer");
      assertThat(call.get("status").asText()).isEqualTo("ringing");
      assertThat(call.get("kind").asText()).isEqualTo("click_to_call");
      customer.assertSucceeded(CALL_TIMEOUT);
      partner.assertSucceeded(CALL_TIMEOUT);

      String customerProxy = session.get("customer").get("proxy").asText();
      String partnerProxy = session.get("partner").get("proxy").asText();
      String seenByCustomer = customer.messages();
      String seenByPartner = partner.messages();
      assertThat(seenByCustomer)
          .contains("From: <sip:" + customerProxy + "@127.0.0.1>")
          .contains("P-Asserted-Identity: <sip:" + customerProxy + "@127.0.0.1>")
          .contains("m=audio " + PARTNER_RTP + " RTP/AVP 0")
          .doesNotContain(PARTNER.substring(3), partnerProxy, "SIPpTag02");
      assertThat(section(seenByCustomer, "ACK sip:"))
          .as("the partner's answer reaches the customer in the ACK")
          .contains("m=audio " + PARTNER_RTP);
      assertThat(seenByPartner)
          .contains("From: <sip:" + partnerProxy + "@127.0.0.1>")
          .contains("P-Asserted-Identity: <sip:" + partnerProxy + "@127.0.0.1>")
          .contains("m=audio " + CUSTOMER_RTP + " RTP/AVP 0 8")
          .contains("BYE sip:")
          .doesNotContain(CUSTOMER.substring(3), customerProxy, "SIPpTag01");
      JsonNode record = awaitRecord(call.get("id").asText(), "completed");
      assertThat(record.get("answered_at").isNull()).isFalse();
      assertThat(record.get("attempts")).hasSize(2);
      assertThat(record.get("attempts").get(0).get("presented").asText()).isEqualTo(customerProxy);
      assertThat(record.get("attempts").get(1).get("presented").asText()).isEqualTo(partnerProxy);
    }
    awaitNoLiveCalls();
  }

  @Test
  void aBusySecondPartyGetsTheFirstHungUpWithTheReason() throws Exception {
    provision(Transport.UDP);

    try (SippProcess customer = party("c2c-first-released.xml", Transport.UDP, "customer");
        SippProcess partner = party("c2c-second-busy.xml", Transport.UDP, "partner")) {
      JsonNode call = clickToCall("customer");
      customer.assertSucceeded(CALL_TIMEOUT);
      partner.assertSucceeded(CALL_TIMEOUT);

      String seenByCustomer = customer.messages();
      assertThat(section(seenByCustomer, "BYE sip:"))
          .contains("Reason: SIP;cause=486;text=\"Busy Here\"");
      assertThat(section(seenByCustomer, "ACK sip:")).contains("m=audio 0 RTP/AVP 0");
      assertThat(seenByCustomer).doesNotContain(PARTNER.substring(3));
      assertThat(awaitRecord(call.get("id").asText(), "busy").get("answered_at").isNull())
          .isTrue();
    }
    awaitNoLiveCalls();
  }

  @Test
  void aFirstPartyThatDoesNotAnswerIsCancelledAfterTheRingTimeout() throws Exception {
    provision(Transport.UDP);

    try (SippProcess customer = party("c2c-party-rings.xml", Transport.UDP, "customer")) {
      long asked = System.nanoTime();
      JsonNode call = clickToCall("customer");
      customer.assertSucceeded(CALL_TIMEOUT);

      assertThat(Duration.ofNanos(System.nanoTime() - asked))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      JsonNode record = awaitRecord(call.get("id").asText(), "no_answer");
      assertThat(record.get("attempts")).hasSize(1);
      assertThat(record.get("attempts").get(0).get("sip_status").asInt()).isEqualTo(487);
    }
    awaitNoLiveCalls();
  }

  @Test
  void theFirstPartyHangingUpWhileTheSecondRingsCancelsTheSecond() throws Exception {
    provision(Transport.UDP);

    try (SippProcess second = party("c2c-party-rings.xml", Transport.UDP, "customer");
        SippProcess first = party("c2c-first-hangs-up-early.xml", Transport.UDP, "partner")) {
      JsonNode call = clickToCall("partner");
      first.assertSucceeded(CALL_TIMEOUT);
      second.assertSucceeded(CALL_TIMEOUT);

      assertThat(second.messages()).contains("CANCEL sip:")
          .doesNotContain(PARTNER.substring(3));
      assertThat(first.messages()).doesNotContain(CUSTOMER.substring(3));
      JsonNode record = awaitRecord(call.get("id").asText(), "canceled");
      assertThat(record.get("from").asText()).isEqualTo("partner");
    }
    awaitNoLiveCalls();
  }

  /**
   * Trunks c1, c2 (the customer's numbers) and p1, p2 (the partner's), one proxy per pool on
   * each, and one session.
   */
  private void provision(Transport transport) {
    for (Map.Entry<String, Integer> trunk : trunkPorts.entrySet()) {
      testbed.trunk(trunk.getKey(), new HostPort("127.0.0.1", trunk.getValue()), transport);
    }
    testbed.number("+918040000001", "c1", "customer");
    testbed.number("+918040000002", "c2", "customer");
    testbed.number("+918040000003", "p1", "partner");
    testbed.number("+918040000004", "p2", "partner");
    session = testbed.session(CUSTOMER, PARTNER);
  }

  /**
   * The carrier of the {@code side} party on the gateway of the trunk of its proxy, bound and
   * waiting: the party's real number and media port come from the side.
   */
  private SippProcess party(String scenario, Transport transport, String side) throws Exception {
    String number = side.equals("customer") ? CUSTOMER : PARTNER;
    String shown = session.get(side).get("proxy").asText();
    return SippProcess.scenario(scenario)
        .transport(transport)
        .port(trunkPorts.get(testbed.trunkOf(shown)))
        .key("party", number)
        .key("party_digits", number.substring(1))
        .key("rtp_port", side.equals("customer") ? CUSTOMER_RTP : PARTNER_RTP)
        .start(dir)
        .awaitBound();
  }

  private JsonNode clickToCall(String from) {
    return testbed.post("/v1/sessions/" + session.get("id").asText() + "/calls",
        "{\"from\":\"" + from + "\"}");
  }

  /** The call's record once it has {@code status} (records are written in the background). */
  private JsonNode awaitRecord(String id, String status) throws Exception {
    JsonNode[] last = new JsonNode[1];
    awaitTrue(() -> {
      testbed.server().callLog().flush();
      last[0] = testbed.get("/v1/calls/" + id);
      return last[0].get("status").asText().equals(status);
    });
    return last[0];
  }

  /** The first message in a SIPp trace that starts with {@code startLine}, up to the next one. */
  private static String section(String trace, String startLine) {
    int start = trace.indexOf(startLine);
    assertThat(start).as("a message starting " + startLine).isNotNegative();
    int end = trace.indexOf("----------", start);
    return end < 0 ? trace.substring(start) : trace.substring(start, end);
  }

  /** The last answer (a BYE's 200) may still be on its way in when SIPp has exited. */
  private void awaitNoLiveCalls() throws Exception {
    awaitTrue(() -> testbed.server().liveCalls() == 0);
  }

  /** Socket-level progress is only observable by looking: polls for up to 10 s. */
  private static void awaitTrue(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.call() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    assertThat(condition.call()).isTrue();
  }
}
