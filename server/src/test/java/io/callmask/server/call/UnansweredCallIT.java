package io.callmask.server.call;

import static io.callmask.server.call.SippCarriers.CALL_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.CarrierTrace;
import io.callmask.server.SippProcess;
import io.callmask.server.call.SippCarriers.MaskedCallPlan;
import io.callmask.sip.message.Transport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls that never connect, on real sockets (CONTRACT §6): a caller no session knows gets 404, a
 * closed session 480, and a caller who gives up while the callee rings cancels both legs, with
 * nothing left behind.
 */
class UnansweredCallIT {

  /** A real number in no session. */
  private static final String STRANGER = "+919800000099";

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
  void aCallerNoSessionKnowsGets404(Transport transport) throws Exception {
    carriers = new SippCarriers(dir, transport, Map.of());
    MaskedCallPlan call = carriers.session("customer");

    try (SippProcess callee = carriers.listen(carriers.scriptedCallee(call.shown()));
        SippProcess caller = carriers.start(
            carriers.caller("caller-refused.xml", STRANGER, call.dialed()))) {
      caller.assertSucceeded(CALL_TIMEOUT);

      assertThat(caller.trace().receivedFinalStatuses()).containsOnly(404);
      assertThat(callee.trace().messages()).as("what the callee's carrier got").isEmpty();
    }
    carriers.awaitNoLiveCalls();
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Transport.class)
  void aClosedSessionGets480(Transport transport) throws Exception {
    carriers = new SippCarriers(dir, transport, Map.of());
    MaskedCallPlan call = carriers.session("partner");
    carriers.testbed().closeSession(call.session());

    try (SippProcess callee = carriers.listen(carriers.scriptedCallee(call.shown()));
        SippProcess caller = carriers.start(
            carriers.caller("caller-refused.xml", call.caller(), call.dialed()))) {
      caller.assertSucceeded(CALL_TIMEOUT);

      assertThat(caller.trace().receivedFinalStatuses()).containsOnly(480);
      assertThat(callee.trace().messages()).as("what the callee's carrier got").isEmpty();
    }
    carriers.awaitNoLiveCalls();
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Transport.class)
  void aCancelWhileTheCalleeRingsEndsBothLegs(Transport transport) throws Exception {
    carriers = new SippCarriers(dir, transport, Map.of());
    MaskedCallPlan call = carriers.session("customer");

    try (SippProcess callee = carriers.listen(
            carriers.callee("callee-rings-cancelled.xml", call.shown(), call.callee()));
        SippProcess caller = carriers.start(
            carriers.caller("caller-cancels.xml", call.caller(), call.dialed()))) {
      caller.assertSucceeded(CALL_TIMEOUT);
      callee.assertSucceeded(CALL_TIMEOUT);

      CarrierTrace callerSaw = caller.trace();
      CarrierTrace calleeSaw = callee.trace();
      assertThat(callerSaw.receivedResponses(200)).extracting(CarrierTrace.Message::method)
          .containsOnly("CANCEL");
      assertThat(callerSaw.receivedResponses(487)).extracting(CarrierTrace.Message::method)
          .containsOnly("INVITE");
      assertThat(calleeSaw.received("CANCEL")).hasSize(1);
      assertThat(calleeSaw.received("ACK")).isNotEmpty();
      LegPrivacy.assertSeesNothingOf(calleeSaw, call.caller(), callerSaw,
          carriers.callerAddress());
      LegPrivacy.assertSeesNothingOf(callerSaw, call.callee(), calleeSaw,
          carriers.gatewayOf(call.shown()));
    }
    carriers.awaitNoLiveCalls();
    assertThat(carriers.testbed().awaitEndedCall(call.session()).get("status").asText())
        .isEqualTo("canceled");
    assertThat(carriers.testbed().server().liveDialogs()).isZero();
  }
}
