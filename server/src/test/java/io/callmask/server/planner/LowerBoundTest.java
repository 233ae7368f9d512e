package io.callmask.server.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.PhoneNumber;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LowerBoundTest {

  private static final PhoneNumber ALICE = PhoneNumber.of("+15550000001");
  private static final PhoneNumber BOB = PhoneNumber.of("+16660000001");
  private static final PhoneNumber CAROL = PhoneNumber.of("+16660000002");

  @Test
  void aPartyNeedsTwoNumbersPerSessionLiveAtOnceIncludingQuarantine() {
    List<SessionSpan> sessions = List.of(new SessionSpan(0, 10, ALICE, BOB),
        new SessionSpan(20, 30, ALICE, CAROL), new SessionSpan(100, 110, ALICE, BOB));
    assertThat(LowerBound.of(sessions, Duration.ZERO)).isEqualTo(new LowerBound(2, 4));
    assertThat(LowerBound.of(sessions, Duration.ofSeconds(15))).isEqualTo(new LowerBound(4, 6));
  }

  @Test
  void twoPoolsAddTheBusiestCustomerAndTheBusiestPartner() {
    List<SessionSpan> sessions = List.of(new SessionSpan(0, 10, ALICE, BOB),
        new SessionSpan(1, 10, ALICE, CAROL), new SessionSpan(2, 10, PhoneNumber.of("+15550000002"), BOB));
    assertThat(LowerBound.of(sessions, Duration.ZERO)).isEqualTo(new LowerBound(4, 8));
  }
}
