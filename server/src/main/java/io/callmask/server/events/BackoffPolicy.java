package io.callmask.server.events;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff ({@code base}, doubling per failed
 * attempt, at most {@code cap}) with "equal jitter" (a uniform draw from the upper half of the
 * delay), so that many events that failed together do not all come back at once; and after
 * {@code maxAttempts} failures the event is dead. Immutable.
 */
public record BackoffPolicy(Duration base, Duration cap, int maxAttempts) {

  public BackoffPolicy {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap, got " + base + ", " + cap);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Whether an event that failed {@code attempts} times is given up. */
  public boolean isExhausted(int attempts) {
    return attempts >= maxAttempts;
  }

  /** How long to wait after the {@code attempts}-th failure (1 for the first). */
  public Duration delayAfter(int attempts, RandomGenerator random) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    long capNanos = cap.toNanos();
    long exponential = base.toNanos();
    for (int i = 1; i < attempts && exponential < capNanos; i++) {
      exponential *= 2;
    }
    long ceiling = Math.min(exponential, capNanos);
    long half = ceiling / 2;
    return Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
  }
}
