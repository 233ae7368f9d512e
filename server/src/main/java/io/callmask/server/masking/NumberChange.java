package io.callmask.server.masking;

import java.util.Objects;

/**
 * One proxy number of a live session replaced by another, for the {@code
 * session.numbers_changed} event (CONTRACT §4, §7). Immutable.
 */
public record NumberChange(
    String sessionId, Side side, NumberRole role, PhoneNumber oldNumber, PhoneNumber newNumber) {

  /** Checks that no field is missing. */
  public NumberChange {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(oldNumber, "oldNumber");
    Objects.requireNonNull(newNumber, "newNumber");
  }
}
