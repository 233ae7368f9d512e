package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that a network event makes true but that no callback reports, such as a
 * connection leaving the table after the far end closed it. Polls briefly; fails after the bound.
 */
final class Eventually {

  private Eventually() {}

  static void holds(BooleanSupplier condition, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition within " + within).isNegative();
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }
}
