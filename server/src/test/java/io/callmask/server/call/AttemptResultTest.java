package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.call.AttemptResult.Kind;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONTRACT §6: which endings are the carrier's (retried), and what the caller then hears. */
class AttemptResultTest {

  @ParameterizedTest
  @CsvSource({
      "RESPONSE, 408, true, 408, NO_ANSWER",
      "RESPONSE, 500, true, 500, FAILED",
      "RESPONSE, 503, true, 500, FAILED",
      "RESPONSE, 504, true, 504, FAILED",
      "RESPONSE, 302, false, 480, FAILED",
      "RESPONSE, 404, false, 404, FAILED",
      "RESPONSE, 480, false, 480, NO_ANSWER",
      "RESPONSE, 486, false, 486, BUSY",
      "RESPONSE, 600, false, 600, BUSY",
      "RESPONSE, 603, false, 603, BUSY",
      "TIMEOUT, 0, true, 408, FAILED",
      "SILENT, 0, true, 408, FAILED",
      "TRANSPORT_ERROR, 0, true, 502, FAILED",
      "NO_GATEWAY, 0, true, 502, FAILED"})
  void classifiesEachEnding(Kind kind, int status, boolean carrierFailure, int towardCaller,
      CallStatus callStatus) {
    AttemptResult result = new AttemptResult(kind, status);

    assertThat(result.isCarrierFailure()).isEqualTo(carrierFailure);
    assertThat(result.statusTowardCaller()).isEqualTo(towardCaller);
    assertThat(result.callStatus(false)).isEqualTo(callStatus);
    assertThat(result.failureSide(false).isPresent()).isEqualTo(callStatus == CallStatus.FAILED);
    result.failureSide(false).ifPresent(side -> assertThat(side).isEqualTo(FailureSide.OUTGOING));
  }

  @ParameterizedTest
  @CsvSource({"TIMEOUT, NO_ANSWER", "TRANSPORT_ERROR, FAILED"})
  void timeoutAfterRingingIsNoAnswer(Kind kind, CallStatus expected) {
    assertThat(AttemptResult.of(kind).callStatus(true)).isEqualTo(expected);
  }
}
