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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Masked forwarding on real sockets: SIPp plays the caller's carrier and the callee's carrier,
 * callmask sits between them. The callee's carrier must see the proxy number as caller ID, and
 * neither carrier may see the other party's real number anywhere in any message.
 */
class CallForwardingIT {

  private static final String CUSTOMER = "+919845011111";
  private static final String PARTNER = "+919887654321";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private MaskingTestbed testbed;
  private int callerPort;
  private final Map<String, Integer> trunkPorts = new HashMap<>();

  @BeforeAll
  static void requireSipp() {
    SippProcess.assumeInstalled();
  }

  @BeforeEach
  void start() throws Exception {
    testbed = new MaskingTestbed(dir, Map.of());
    callerPort = SippProcess.freePort();
    trunkPorts.put("t1", SippProcess.freePort());
    trunkPorts.put("t2", SippProcess.freePort());
  }

  @AfterEach
  void stop() {
    testbed.close();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void customerReachesThePartnerWhoSeesOnlyTheProxy(Transport transport) throws Exception {
    JsonNode session = provision(transport);
    String shown = session.get("partner").get("proxy").asText();

    try (SippProcess callee = callee("callee-answers.xml", transport, shown);
        SippProcess caller = caller("caller-hangs-up.xml", transport, session)) {
      caller.assertSucceeded(CALL_TIMEOUT);
      callee.assertSucceeded(CALL_TIMEOUT);

      String seenByCallee = callee.messages();
      assertThat(seenByCallee)
          .contains("From: <sip:" + shown + "@127.0.0.1>")
          .contains("P-Asserted-Identity: <sip:" + shown + "@127.0.0.1>")
          .contains("BYE sip:")
          .doesNotContain(CUSTOMER.substring(3), "Remote-Party-ID", "Diversion", "SIPpTag00");
      assertThat(caller.messages()).contains("SIP/2.0 200 OK")
          .doesNotContain(PARTNER.substring(3), "SIPpTag01");
    }
    awaitNoLiveCalls();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void calleeHangsUpAndTheCallerHearsIt(Transport transport) throws Exception {
    JsonNode session = provision(transport);
    String shown = session.get("partner").get("proxy").asText();

    try (SippProcess callee = callee("callee-hangs-up.xml", transport, shown);
        SippProcess caller = caller("caller-answers-bye.xml", transport, session)) {
      caller.assertSucceeded(CALL_TIMEOUT);
      callee.assertSucceeded(CALL_TIMEOUT);

      assertThat(caller.messages()).contains("BYE sip:")
          .doesNotContain(PARTNER.substring(3), "SIPpTag01");
      assertThat(callee.messages()).doesNotContain(CUSTOMER.substring(3), "SIPpTag00");
    }
    awaitNoLiveCalls();
  }

  /** The last answer (a BYE's 200) may still be on its way in when SIPp has exited. */
  private void awaitNoLiveCalls() throws Exception {
    awaitTrue(() -> testbed.server().liveCalls() == 0);
  }

  /** Socket-level progress is only observable by looking: polls for up to 10 s. */
  private static void awaitTrue(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.call() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    assertThat(condition.call()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void shutdownHangsUpACallStillInProgressAfterTheTimeout(Transport transport) throws Exception {
    testbed.close();
    testbed = new MaskingTestbed(dir, Map.of("shutdown.timeout", "PT0.5S"));
    JsonNode session = provision(transport);
    String shown = session.get("partner").get("proxy").asText();

    try (SippProcess callee = callee("callee-answers.xml", transport, shown);
        SippProcess caller = caller("caller-answers-bye.xml", transport, session)) {
      awaitTrue(() -> callee.messages().contains("ACK sip:"));
      long closing = System.nanoTime();
      testbed.server().close();

      assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
      caller.assertSucceeded(CALL_TIMEOUT);
      callee.assertSucceeded(CALL_TIMEOUT);
      assertThat(caller.messages()).contains("BYE sip:");
      assertThat(callee.messages()).contains("BYE sip:");
    }
  }

  /** Trunks for both carriers, two proxies per pool on two trunks, one session. */
  private JsonNode provision(Transport transport) {
    testbed.trunk("carrier-a", new HostPort("127.0.0.1", callerPort), transport);
    testbed.trunk("t1", new HostPort("127.0.0.1", trunkPorts.get("t1")), transport);
    testbed.trunk("t2", new HostPort("127.0.0.1", trunkPorts.get("t2")), transport);
    testbed.number("+918040000001", "t1", "customer");
    testbed.number("+918040000002", "t2", "customer");
    testbed.number("+918040000003", "t1", "partner");
    testbed.number("+918040000004", "t2", "partner");
    return testbed.session(CUSTOMER, PARTNER);
  }

  /** The callee's carrier on the gateway of the trunk of {@code shown}, bound and waiting. */
  private SippProcess callee(String scenario, Transport transport, String shown)
      throws Exception {
    return SippProcess.scenario(scenario)
        .transport(transport)
        .port(trunkPorts.get(testbed.trunkOf(shown)))
        .key("callee", PARTNER)
        .key("callee_digits", PARTNER.substring(1))
        .start(dir)
        .awaitBound();
  }

  /** The caller's carrier: the customer dials its proxy. */
  private SippProcess caller(String scenario, Transport transport, JsonNode session)
      throws Exception {
    return SippProcess.scenario(scenario)
        .transport(transport)
        .port(callerPort)
        .remote(testbed.sip(transport))
        .service(session.get("customer").get("proxy").asText())
        .key("caller", CUSTOMER)
        .key("caller_digits", CUSTOMER.substring(1))
        .start(dir);
  }
}
