package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import java.util.function.BiConsumer;

/**
 * Hears each failed call leg of a proxy number with the length of its failure streak: the hook
 * for the number health policy (issue 6 §3). Called on call-control threads, right after the
 * counter changed and without any lock held: must not block (hand store work to an executor).
 */
@FunctionalInterface
public interface FailureStreakListener {

  /** Hears nothing. */
  FailureStreakListener NONE = (number, direction, consecutiveFailures) -> {};

  /** {@code number} failed in {@code direction} for the {@code consecutiveFailures}-th time. */
  void onFailureStreak(PhoneNumber number, CallDirection direction, int consecutiveFailures);

  /**
   * A listener that calls {@code action} once per streak, when it reaches {@code threshold}
   * failures in a row: e.g. {@code atThreshold(3, health::markUnhealthy)}.
   */
  static FailureStreakListener atThreshold(
      int threshold, BiConsumer<PhoneNumber, CallDirection> action) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
    }
    return (number, direction, consecutiveFailures) -> {
      if (consecutiveFailures == threshold) {
        action.accept(number, direction);
      }
    };
  }
}
