package io.callmask.server.calls;

import io.callmask.server.masking.PhoneNumber;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One try at reaching the callee: the trunk it went through, the proxy number presented as caller
 * ID, and the final SIP status it got ({@code empty} while pending, or when it ended without a
 * response: timeout or transport error). Immutable.
 */
public record CallAttempt(String trunk, PhoneNumber presented, OptionalInt sipStatus) {

  public CallAttempt {
    Objects.requireNonNull(trunk, "trunk");
    Objects.requireNonNull(presented, "presented");
    Objects.requireNonNull(sipStatus, "sipStatus");
  }

  /** This attempt with its final status. */
  public CallAttempt withStatus(int status) {
    return new CallAttempt(trunk, presented, OptionalInt.of(status));
  }
}
