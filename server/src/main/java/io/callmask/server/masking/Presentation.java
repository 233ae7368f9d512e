package io.callmask.server.masking;

import java.util.Objects;

/**
 * A number to present as caller ID on a B-leg, and the trunk the B-leg must go through to
 * present it (CONTRACT §6). Immutable.
 */
public record Presentation(PhoneNumber number, String trunk) {

  /** Checks that no field is missing. */
  public Presentation {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(trunk, "trunk");
  }
}
