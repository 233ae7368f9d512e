package io.callmask.server.call;

import static io.callmask.server.call.CallDirection.INCOMING;
import static io.callmask.server.call.CallDirection.OUTGOING;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.PhoneNumber;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WidespreadFailureFilterTest {

  private static final PhoneNumber A = PhoneNumber.of("+918040000001");
  private static final PhoneNumber B = PhoneNumber.of("+918040000002");
  private static final PhoneNumber C = PhoneNumber.of("+918040000003");
  private static final PhoneNumber D = PhoneNumber.of("+918040000004");

  private final AtomicLong now = new AtomicLong();
  private final NumberFailureCounters counters = new NumberFailureCounters();
  private final WidespreadFailureFilter filter = new WidespreadFailureFilter(counters, now::get);

  @Test
  void aNumberFailingAmongWorkingOnesIsCounted() {
    succeed(B, C, D);
    for (int i = 0; i < 5; i++) {
      filter.record(A, OUTGOING, true);
      succeed(B, C, D);
    }

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(5);
  }

  @Test
  void failuresOfMostNumbersAtOnceAreNotHeldAgainstAny() {
    succeed(A, B, C, D);
    for (int i = 0; i < 5; i++) {
      fail(A, B, C, D);
    }

    // the first two failures came while most others still worked; the rest were a shared stall
    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(1);
    assertThat(counters.consecutiveFailures(B, OUTGOING)).isEqualTo(1);
    assertThat(counters.consecutiveFailures(C, OUTGOING)).isZero();
    assertThat(counters.consecutiveFailures(D, OUTGOING)).isZero();
  }

  @Test
  void aSuccessStillEndsAStreakDuringAWave() {
    succeed(B, C);
    filter.record(A, OUTGOING, true);
    fail(B, C, D);
    filter.record(A, OUTGOING, false);

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isZero();
  }

  @Test
  void tooFewNumbersToCompareAreJudgedAsBefore() {
    filter.record(B, OUTGOING, true);
    for (int i = 0; i < 3; i++) {
      filter.record(A, OUTGOING, true);
    }

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(3);
  }

  @Test
  void directionsAreComparedApart() {
    succeed(B, C, D);
    for (PhoneNumber number : new PhoneNumber[] {B, C, D}) {
      filter.record(number, INCOMING, true);
    }
    filter.record(A, OUTGOING, true);

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(1);
  }

  @Test
  void numbersUnusedForAWindowNoLongerCount() {
    fail(B, C, D);
    now.addAndGet(WidespreadFailureFilter.WINDOW.toNanos() + 1);
    succeed(A);
    filter.record(A, OUTGOING, true);

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(1);
    assertThat(filter.tracked()).isEqualTo(1);
  }

  @Test
  void countingResumesWhenTheWaveHasPassed() {
    succeed(A, B, C, D);
    fail(B, C, D);
    filter.record(A, OUTGOING, true);
    assertThat(counters.consecutiveFailures(A, OUTGOING)).isZero();

    succeed(B, C, D);
    filter.record(A, OUTGOING, true);

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(1);
  }

  private void succeed(PhoneNumber... numbers) {
    for (PhoneNumber number : numbers) {
      filter.record(number, OUTGOING, false);
    }
  }

  private void fail(PhoneNumber... numbers) {
    for (PhoneNumber number : numbers) {
      filter.record(number, OUTGOING, true);
    }
  }
}
