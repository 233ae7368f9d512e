package io.callmask.server.call;

import static io.callmask.server.call.SippCarriers.CALL_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.CarrierTrace;
import io.callmask.server.MaskingTestbed;
import io.callmask.server.SippProcess;
import io.callmask.server.call.SippCarriers.MaskedCallPlan;
import io.callmask.sip.message.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failover on real sockets (CONTRACT §6): a primary trunk that answers 5xx, or says nothing
 * within {@code failover.timeout}, is retried once through the backup proxy's trunk, presenting
 * the backup proxy; a busy callee is relayed and never retried. The caller's and the backup's
 * carriers play the user-facing {@code scripts/sipp/caller.xml} and {@code callee.xml}.
 */
class FailoverIT {

  /** Short, so the test is quick; callee-silent.xml stays silent 1.5 s, well past it. */
  private static final Duration FAILOVER = Duration.ofMillis(500);
  /** How much later one SIPp may log a message it received than another. */
  private static final Duration LOGGING_SLACK = Duration.ofMillis(100);

  @TempDir Path dir;
  private SippCarriers carriers;

  @BeforeAll
  static void requireSipp() {
    SippProcess.assumeInstalled();
  }

  @AfterEach
  void stop() {
    if (carriers != null) {
      carriers.close();
    }
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Transport.class)
  void aPrimaryAnswering503IsRetriedThroughTheBackupShowingTheBackupProxy(Transport transport)
      throws Exception {
    carriers = new SippCarriers(dir, transport, Map.of());
    MaskedCallPlan call = carriers.session("customer");

    try (SippProcess primary = carriers.listen(
            carriers.callee("callee-overloaded.xml", call.shown(), call.callee()));
        SippProcess backup = carriers.listen(carriers.scriptedCallee(call.backup()));
        SippProcess caller = carriers.start(
            carriers.scriptedCaller(call.caller(), call.dialed()))) {
      caller.assertSucceeded(CALL_TIMEOUT);
      backup.assertSucceeded(CALL_TIMEOUT);
      primary.assertSucceeded(CALL_TIMEOUT);

      assertThat(primary.trace().received("INVITE").get(0).user("From")).contains(call.shown());
      assertBackupRangShowingTheBackupProxy(call, backup.trace(), caller.trace());
      assertThat(caller.trace().receivedFinalStatuses()).containsOnly(200);
    }
    carriers.awaitNoLiveCalls();
    JsonNode record = carriers.testbed().awaitEndedCall(call.session());
    assertThat(record.get("status").asText()).isEqualTo("completed");
    assertThat(attempts(record)).containsExactly(
        attempt(call.shown(), "503"), attempt(call.backup(), "200"));
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Transport.class)
  void aSilentPrimaryIsGivenUpAfterTheFailoverTimeoutAndCancelledOnceItSpeaks(
      Transport transport) throws Exception {
    carriers = new SippCarriers(dir, transport,
        Map.of("failover.timeout", FAILOVER.toString()));
    MaskedCallPlan call = carriers.session("partner");

    try (SippProcess primary = carriers.listen(
            carriers.callee("callee-silent.xml", call.shown(), call.callee()));
        SippProcess backup = carriers.listen(carriers.scriptedCallee(call.backup()));
        SippProcess caller = carriers.start(
            carriers.scriptedCaller(call.caller(), call.dialed()))) {
      caller.assertSucceeded(CALL_TIMEOUT);
      backup.assertSucceeded(CALL_TIMEOUT);
      // the silent scenario fails on a CANCEL before its late 100 (RFC 3261 §9.1)
      primary.assertSucceeded(CALL_TIMEOUT);

      CarrierTrace primarySaw = primary.trace();
      CarrierTrace backupSaw = backup.trace();
      assertBackupRangShowingTheBackupProxy(call, backupSaw, caller.trace());
      // callmask waited for the timeout before giving up (give or take how late each SIPp
      // logged its INVITE); had it not given up, the late 100 would have kept the primary
      Duration untilBackup = Duration.between(primarySaw.received("INVITE").get(0).at(),
          backupSaw.received("INVITE").get(0).at());
      assertThat(untilBackup).as("from the primary's INVITE to the backup's")
          .isGreaterThan(FAILOVER.minus(LOGGING_SLACK));
      assertThat(primarySaw.received("CANCEL")).hasSize(1);
      assertThat(primarySaw.received("ACK")).isNotEmpty();
    }
    carriers.awaitNoLiveCalls();
    JsonNode record = carriers.testbed().awaitEndedCall(call.session());
    assertThat(record.get("status").asText()).isEqualTo("completed");
    assertThat(attempts(record)).containsExactly(
        attempt(call.shown(), "null"), attempt(call.backup(), "200"));
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Transport.class)
  void aBusyCalleeIsRelayedToTheCallerAndNotRetried(Transport transport) throws Exception {
    carriers = new SippCarriers(dir, transport, Map.of());
    MaskedCallPlan call = carriers.session("customer");

    try (SippProcess primary = carriers.listen(
            carriers.callee("callee-busy.xml", call.shown(), call.callee()));
        SippProcess backup = carriers.listen(carriers.scriptedCallee(call.backup()));
        SippProcess caller = carriers.start(
            carriers.caller("caller-refused.xml", call.caller(), call.dialed()))) {
      caller.assertSucceeded(CALL_TIMEOUT);
      primary.assertSucceeded(CALL_TIMEOUT);

      assertThat(caller.trace().receivedFinalStatuses()).containsOnly(486);
      LegPrivacy.assertSeesNothingOf(caller.trace(), call.callee(), primary.trace(),
          carriers.gatewayOf(call.shown()));
      JsonNode record = carriers.testbed().awaitEndedCall(call.session());
      assertThat(record.get("status").asText()).isEqualTo("busy");
      assertThat(attempts(record)).containsExactly(attempt(call.shown(), "486"));
      // the call is over and recorded: a retry would have reached the backup by now
      assertThat(backup.trace().messages()).as("what the backup's carrier got").isEmpty();
    }
    carriers.awaitNoLiveCalls();
  }

  /**
   * The backup's carrier rang the callee showing the backup proxy, in From and
   * P-Asserted-Identity, and nothing of the caller; the caller saw nothing of it.
   */
  private void assertBackupRangShowingTheBackupProxy(MaskedCallPlan call, CarrierTrace backupSaw,
      CarrierTrace callerSaw) {
    CarrierTrace.Message invite = backupSaw.received("INVITE").get(0);
    assertThat(invite.requestUri()).startsWith("sip:" + call.callee() + "@");
    assertThat(invite.user("From")).as("caller ID").contains(call.backup());
    assertThat(invite.user("P-Asserted-Identity")).contains(call.backup());
    LegPrivacy.assertSeesNothingOf(backupSaw, call.caller(), callerSaw, carriers.callerAddress());
    LegPrivacy.assertSeesNothingOf(callerSaw, call.callee(), backupSaw,
        carriers.gatewayOf(call.backup()));
  }

  /** The record's attempts as "trunk presented status" lines. */
  private static List<String> attempts(JsonNode record) {
    List<String> attempts = new ArrayList<>();
    for (JsonNode attempt : record.path("attempts")) {
      attempts.add(attempt.get("trunk").asText() + " " + attempt.get("presented").asText() + " "
          + attempt.get("sip_status").asText());
    }
    return attempts;
  }

  /** An attempt through the trunk of {@code presented}, presenting it, with {@code status}. */
  private String attempt(String presented, String status) {
    MaskingTestbed testbed = carriers.testbed();
    return testbed.trunkOf(presented) + " " + presented + " " + status;
  }
}
