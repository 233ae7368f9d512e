package io.callmask.server.call;

import static io.callmask.server.call.CallDirection.INCOMING;
import static io.callmask.server.call.CallDirection.OUTGOING;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NumberFailureCountersTest {

  private static final PhoneNumber PROXY = PhoneNumber.of("+918040000001");
  private static final PhoneNumber OTHER = PhoneNumber.of("+918040000002");

  /** One call of the listener. */
  private record Heard(PhoneNumber number, CallDirection direction, int count) {}

  private final List<Heard> heard = new ArrayList<>();
  private final NumberFailureCounters counters = new NumberFailureCounters(
      (number, direction, count) -> heard.add(new Heard(number, direction, count)));

  @Test
  void consecutiveFailuresAddUp() {
    counters.record(PROXY, OUTGOING, true);
    counters.record(PROXY, OUTGOING, true);
    counters.record(PROXY, OUTGOING, true);

    assertThat(counters.consecutiveFailures(PROXY, OUTGOING)).isEqualTo(3);
  }

  @Test
  void aSuccessEndsTheStreak() {
    counters.record(PROXY, OUTGOING, true);
    counters.record(PROXY, OUTGOING, true);
    counters.record(PROXY, OUTGOING, false);
    counters.record(PROXY, OUTGOING, true);

    assertThat(counters.consecutiveFailures(PROXY, OUTGOING)).isEqualTo(1);
  }

  @Test
  void directionsAndNumbersAreCountedApart() {
    counters.record(PROXY, OUTGOING, true);
    counters.record(PROXY, OUTGOING, true);
    counters.record(PROXY, INCOMING, true);
    counters.record(OTHER, OUTGOING, true);
    counters.record(PROXY, INCOMING, false);

    assertThat(counters.consecutiveFailures(PROXY, OUTGOING)).isEqualTo(2);
    assertThat(counters.consecutiveFailures(PROXY, INCOMING)).isZero();
    assertThat(counters.consecutiveFailures(OTHER, OUTGOING)).isEqualTo(1);
    assertThat(counters.consecutiveFailures(OTHER, INCOMING)).isZero();
  }

  @Test
  void onlyNumbersInAStreakTakeMemory() {
    for (int i = 0; i < 1000; i++) {
      PhoneNumber number = PhoneNumber.of("+91804000" + String.format("%04d", i));
      counters.record(number, OUTGOING, true);
      counters.record(number, INCOMING, false);
      if (i % 10 != 0) {
        counters.record(number, OUTGOING, false);
      }
    }

    assertThat(counters.tracked()).isEqualTo(100);
  }

  @Test
  void theListenerHearsEveryFailureWithTheStreakLengthAndNoSuccess() {
    counters.record(PROXY, OUTGOING, true);
    counters.record(PROXY, OUTGOING, true);
    counters.record(PROXY, OUTGOING, false);
    counters.record(PROXY, INCOMING, true);

    assertThat(heard).containsExactly(
        new Heard(PROXY, OUTGOING, 1), new Heard(PROXY, OUTGOING, 2),
        new Heard(PROXY, INCOMING, 1));
  }

  @Test
  void atThresholdActsOncePerStreakWhenItReachesTheThreshold() {
    List<PhoneNumber> unhealthy = new ArrayList<>();
    NumberFailureCounters policed = new NumberFailureCounters(
        FailureStreakListener.atThreshold(2, (number, direction) -> unhealthy.add(number)));

    policed.record(PROXY, OUTGOING, true);
    assertThat(unhealthy).isEmpty();
    policed.record(PROXY, OUTGOING, true);
    policed.record(PROXY, OUTGOING, true);
    assertThat(unhealthy).containsExactly(PROXY);
    policed.record(PROXY, OUTGOING, false);
    policed.record(PROXY, OUTGOING, true);
    policed.record(PROXY, OUTGOING, true);

    assertThat(unhealthy).containsExactly(PROXY, PROXY);
  }

  @Test
  void aFailingListenerNeitherThrowsIntoCallControlNorLosesTheCount() {
    NumberFailureCounters broken = new NumberFailureCounters((number, direction, count) -> {
      throw new IllegalStateException("policy bug");
    });

    broken.record(PROXY, INCOMING, true);
    broken.record(PROXY, INCOMING, true);

    assertThat(broken.consecutiveFailures(PROXY, INCOMING)).isEqualTo(2);
  }

  @Test
  void concurrentFailuresAreAllCounted() throws Exception {
    NumberFailureCounters shared = new NumberFailureCounters();
    int threads = 4;
    int perThread = 10_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < perThread; i++) {
            shared.record(PROXY, OUTGOING, true);
            shared.record(OTHER, INCOMING, i % 2 == 0);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(shared.consecutiveFailures(PROXY, OUTGOING)).isEqualTo(threads * perThread);
  }
}
