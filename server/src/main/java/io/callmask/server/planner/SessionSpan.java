package io.callmask.server.planner;

import io.callmask.server.masking.PhoneNumber;
import java.util.Objects;

/**
 * One session of a workload: opened at {@code openSecond}, closed at {@code closeSecond} (seconds
 * from the workload's start), between two parties. Immutable.
 */
public record SessionSpan(
    long openSecond, long closeSecond, PhoneNumber customer, PhoneNumber partner) {

  /** Checks that it closes no earlier than it opens and that the parties differ. */
  public SessionSpan {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(partner, "partner");
    if (closeSecond < openSecond) {
      throw new IllegalArgumentException("a session closes after it opens");
    }
    if (customer.equals(partner)) {
      throw new IllegalArgumentException("customer and partner must differ");
    }
  }
}
