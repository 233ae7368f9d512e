package io.callmask.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

  private final BackoffPolicy policy =
      new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5);

  @Test
  void doublesPerAttemptWithinTheUpperHalfOfEachDelay() {
    Random random = new Random(7);
    for (int attempts = 1; attempts <= 5; attempts++) {
      long ceiling = 1_000L << (attempts - 1);
      for (int i = 0; i < 200; i++) {
        long millis = policy.delayAfter(attempts, random).toMillis();
        assertThat(millis).as("attempt %d", attempts).isBetween(ceiling / 2, ceiling);
      }
    }
  }

  @Test
  void neverWaitsLongerThanTheCap() {
    Random random = new Random(7);

    for (int attempts = 6; attempts < 200; attempts++) {
      assertThat(policy.delayAfter(attempts, random)).isBetween(
          Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
  }

  @Test
  void jittersSoEventsThatFailedTogetherSpreadOut() {
    Random random = new Random(7);
    Set<Duration> delays = new HashSet<>();

    for (int i = 0; i < 20; i++) {
      delays.add(policy.delayAfter(3, random));
    }

    assertThat(delays).hasSizeGreaterThan(15);
  }

  @Test
  void givesUpAfterMaxAttempts() {
    assertThat(policy.isExhausted(4)).isFalse();
    assertThat(policy.isExhausted(5)).isTrue();
  }

  @Test
  void refusesACapBelowTheBase() {
    assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
