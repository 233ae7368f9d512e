package io.callmask.server.masking;

import java.util.Objects;
import java.util.Optional;

/**
 * A request for a masking session (CONTRACT §5 {@code POST /v1/sessions}). Immutable.
 *
 * @param customer the customer's real number
 * @param partner the partner's real number
 * @param region the region whose numbers the session gets
 * @param ref an idempotency key: the same ref returns the same session
 */
public record CreateRequest(
    PhoneNumber customer, PhoneNumber partner, String region, Optional<String> ref) {

  /** Checks that the parties differ and that a ref, when given, is not blank. */
  public CreateRequest {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(partner, "partner");
    ProxyNumber.requireRegion(region);
    Objects.requireNonNull(ref, "ref");
    if (customer.equals(partner)) {
      throw new IllegalArgumentException("customer and partner must be different numbers");
    }
    if (ref.isPresent() && (ref.get().isBlank() || ref.get().length() > 200)) {
      throw new IllegalArgumentException("ref: 1 to 200 characters");
    }
  }
}
