package io.callmask.server.call;

import static io.callmask.server.call.SippCarriers.CALL_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.CarrierTrace;
import io.callmask.server.SippProcess;
import io.callmask.server.call.SippCarriers.MaskedCallPlan;
import io.callmask.sip.message.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Masked forwarding on real sockets: SIPp plays the caller's carrier and the callee's carrier,
 * callmask sits between them. The callee's carrier must see the proxy number as caller ID, and
 * neither carrier may see the other party's real number, the other leg's identifiers or the
 * other carrier anywhere in any message (CONTRACT §6).
 */
class CallForwardingIT {

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

  @ParameterizedTest(name = "the {0} calls, over {1}")
  @CsvSource({"customer, UDP", "customer, TCP", "partner, UDP", "partner, TCP"})
  void eachPartyReachesTheOtherWhoSeesOnlyItsProxy(String from, Transport transport)
      throws Exception {
    carriers = new SippCarriers(dir, transport, Map.of());
    MaskedCallPlan call = carriers.session(from);

    try (SippProcess callee = carriers.listen(
            carriers.callee("callee-answers.xml", call.shown(), call.callee()));
        SippProcess caller = carriers.start(
            carriers.caller("caller-hangs-up.xml", call.caller(), call.dialed()))) {
      caller.assertSucceeded(CALL_TIMEOUT);
      callee.assertSucceeded(CALL_TIMEOUT);

      CarrierTrace calleeSaw = callee.trace();
      CarrierTrace callerSaw = caller.trace();
      CarrierTrace.Message invite = calleeSaw.received("INVITE").get(0);
      assertThat(invite.requestUri()).startsWith("sip:" + call.callee() + "@");
      assertThat(invite.user("From")).as("caller ID").contains(call.shown());
      assertThat(invite.user("P-Asserted-Identity")).contains(call.shown());
      assertThat(calleeSaw.received("BYE")).isNotEmpty();
      assertThat(callerSaw.receivedFinalStatuses()).containsOnly(200);
      LegPrivacy.assertNoCallerIdentityHeaders(calleeSaw);
      LegPrivacy.assertSeesNothingOf(calleeSaw, call.caller(), callerSaw,
          carriers.callerAddress());
      LegPrivacy.assertSeesNothingOf(callerSaw, call.callee(), calleeSaw,
          carriers.gatewayOf(call.shown()));
    }
    carriers.awaitNoLiveCalls();
    assertThat(carriers.testbed().awaitEndedCall(call.session()).get("status").asText())
        .isEqualTo("completed");
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Transport.class)
  void calleeHangsUpAndTheCallerHearsIt(Transport transport) throws Exception {
    carriers = new SippCarriers(dir, transport, Map.of());
    MaskedCallPlan call = carriers.session("customer");

    try (SippProcess callee = carriers.listen(
            carriers.callee("callee-hangs-up.xml", call.shown(), call.callee()));
        SippProcess caller = carriers.start(
            carriers.caller("caller-answers-bye.xml", call.caller(), call.dialed()))) {
      caller.assertSucceeded(CALL_TIMEOUT);
      callee.assertSucceeded(CALL_TIMEOUT);

      CarrierTrace callerSaw = caller.trace();
      CarrierTrace.Message invite = callerSaw.sent("INVITE").get(0);
      CarrierTrace.Message answer = callerSaw.receivedResponses(200).get(0);
      CarrierTrace.Message bye = callerSaw.received("BYE").get(0);
      // the BYE belongs to the caller's own dialog (RFC 3261 §12.2.1.1): its Call-ID, callmask's
      // tag from the answer as From, the caller's tag as To, sent to the caller's Contact
      assertThat(bye.header("Call-ID")).isEqualTo(invite.header("Call-ID"));
      assertThat(bye.tag("From")).isPresent().isEqualTo(answer.tag("To"));
      assertThat(bye.tag("To")).isPresent().isEqualTo(invite.tag("From"));
      assertThat(bye.requestUri()).isEqualToIgnoringCase(
          invite.header("Contact").orElseThrow().replaceAll("[<>]", ""));
      assertThat(callee.trace().receivedResponses(200)).extracting(CarrierTrace.Message::method)
          .contains("BYE");
      LegPrivacy.assertSeesNothingOf(callerSaw, call.callee(), callee.trace(),
          carriers.gatewayOf(call.shown()));
      LegPrivacy.assertSeesNothingOf(callee.trace(), call.caller(), callerSaw,
          carriers.callerAddress());
    }
    carriers.awaitNoLiveCalls();
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Transport.class)
  void shutdownHangsUpACallStillInProgressAfterTheTimeout(Transport transport) throws Exception {
    carriers = new SippCarriers(dir, transport, Map.of("shutdown.timeout", "PT0.5S"));
    MaskedCallPlan call = carriers.session("customer");

    try (SippProcess callee = carriers.listen(
            carriers.callee("callee-answers.xml", call.shown(), call.callee()));
        SippProcess caller = carriers.start(
            carriers.caller("caller-answers-bye.xml", call.caller(), call.dialed()))) {
      SippCarriers.awaitTrue(() -> callee.messages().contains("ACK sip:"));
      long closing = System.nanoTime();
      carriers.testbed().server().close();

      assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
      caller.assertSucceeded(CALL_TIMEOUT);
      callee.assertSucceeded(CALL_TIMEOUT);
      assertThat(caller.trace().received("BYE")).isNotEmpty();
      assertThat(callee.trace().received("BYE")).isNotEmpty();
    }
  }
}
