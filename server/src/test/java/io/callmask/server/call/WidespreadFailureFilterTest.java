package io.callmask.server.call;

import static io.callmask.server.call.CallDirection.INCOMING;
import static io.callmask.server.call.CallDirection.OUTGOING;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.PhoneNumber;
import java.time.Duration;
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
    rounds(5, B, C, D);
    for (int i = 0; i < 5; i++) {
      filter.record(A, OUTGOING, true);
      rounds(1, B, C, D);
    }

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(5);
  }

  @Test
  void aWorkingNumberThatGoesBadIsCountedOnceItsFailuresDominateItsRecentCalls() {
    rounds(10, A, B, C, D);
    for (int i = 0; i < 14; i++) {
      filter.record(A, OUTGOING, true);
      rounds(1, B, C, D);
    }

    // its 10th failure made half of its 20 recent calls failures, against none of the others'
    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(5);
  }

  @Test
  void failuresSpreadOverEveryNumberAreNotHeldAgainstAny() {
    rounds(10, A, B, C, D);
    // an overloaded server fails a third of all calls, whichever number they use
    for (int call = 0; call < 300; call++) {
      PhoneNumber number = new PhoneNumber[] {A, B, C, D}[call % 4];
      filter.record(number, OUTGOING, call % 3 == 0);
    }

    for (PhoneNumber number : new PhoneNumber[] {A, B, C, D}) {
      assertThat(counters.consecutiveFailures(number, OUTGOING)).as("%s", number).isZero();
    }
  }

  @Test
  void anOutageOfEveryNumberIsNotHeldAgainstAny() {
    rounds(10, A, B, C, D);
    for (int i = 0; i < 10; i++) {
      fail(A, B, C, D);
    }

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isZero();
    assertThat(counters.consecutiveFailures(D, OUTGOING)).isZero();
  }

  @Test
  void theNumbersOfOneFailingTrunkStandOutAgainstThoseOfAWorkingOne() {
    for (int i = 0; i < 10; i++) {
      fail(A, B);
      rounds(1, C, D);
    }

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(10);
    assertThat(counters.consecutiveFailures(B, OUTGOING)).isEqualTo(10);
  }

  @Test
  void aSuccessStillEndsAStreakWhileFailuresAreWidespread() {
    rounds(10, B, C, D);
    filter.record(A, OUTGOING, true);
    for (int i = 0; i < 10; i++) {
      fail(B, C, D);
    }
    filter.record(A, OUTGOING, false);

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isZero();
  }

  @Test
  void withTooFewOtherCallsToCompareFailuresAreCountedAsBefore() {
    rounds(3, B);
    for (int i = 0; i < 3; i++) {
      fail(A, B);
    }

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(3);
  }

  @Test
  void directionsAreComparedApart() {
    rounds(10, B, C, D);
    for (int i = 0; i < 10; i++) {
      for (PhoneNumber number : new PhoneNumber[] {B, C, D}) {
        filter.record(number, INCOMING, true);
      }
    }
    for (int i = 0; i < 10; i++) {
      filter.record(A, OUTGOING, true);
    }

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(10);
  }

  @Test
  void oldOutcomesAreForgotten() {
    rounds(10, A, B, C, D);
    for (int i = 0; i < 10; i++) {
      fail(A, B, C, D);
    }
    now.addAndGet(Duration.ofMinutes(10).toNanos());
    rounds(10, B, C, D);

    filter.record(A, OUTGOING, true);

    assertThat(counters.consecutiveFailures(A, OUTGOING)).isEqualTo(1);
  }

  @Test
  void numbersUnusedForLongAreDropped() {
    rounds(10, A, B, C, D);
    now.addAndGet(Duration.ofMinutes(10).toNanos());

    filter.record(A, OUTGOING, false);

    assertThat(filter.tracked()).isEqualTo(1);
  }

  /** {@code count} successful calls through each of {@code numbers}, in turn. */
  private void rounds(int count, PhoneNumber... numbers) {
    for (int i = 0; i < count; i++) {
      for (PhoneNumber number : numbers) {
        filter.record(number, OUTGOING, false);
      }
    }
  }

  private void fail(PhoneNumber... numbers) {
    for (PhoneNumber number : numbers) {
      filter.record(number, OUTGOING, true);
    }
  }
}
