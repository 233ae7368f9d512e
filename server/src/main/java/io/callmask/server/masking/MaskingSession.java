package io.callmask.server.masking;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A masking session: a customer and a partner who reach each other through proxy numbers
 * (CONTRACT §4, §5). Immutable; the store hands out new values as the session changes.
 *
 * @param id unique, opaque
 * @param ref the caller's idempotency key, if given
 * @param region the region all its proxy numbers come from
 * @param status active, or closed (its numbers then stay reserved until {@code quarantineUntil})
 * @param customer the customer's side
 * @param partner the partner's side
 * @param createdAt when it was created
 * @param closedAt when it was closed, if it was
 * @param quarantineUntil when its (party, proxy) pairs are released, once closed
 */
public record MaskingSession(
    String id,
    Optional<String> ref,
    String region,
    Status status,
    SessionSide customer,
    SessionSide partner,
    Instant createdAt,
    Optional<Instant> closedAt,
    Optional<Instant> quarantineUntil) {

  /** Lifecycle of a session. */
  public enum Status {
    ACTIVE,
    CLOSED;

    /** The spelling used in the API and the store, e.g. {@code active}. */
    public String configName() {
      return this == ACTIVE ? "active" : "closed";
    }

    /** Reads {@link #configName()}. */
    public static Status fromConfigName(String text) {
      return switch (text.trim()) {
        case "active" -> ACTIVE;
        case "closed" -> CLOSED;
        default -> throw new IllegalArgumentException("expected active or closed");
      };
    }
  }

  /** Checks that parties differ and that a closed session says when. */
  public MaskingSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ref, "ref");
    ProxyNumber.requireRegion(region);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(partner, "partner");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(quarantineUntil, "quarantineUntil");
    if (customer.number().equals(partner.number())) {
      throw new IllegalArgumentException("customer and partner must be different numbers");
    }
    if ((status == Status.CLOSED) != closedAt.isPresent()) {
      throw new IllegalArgumentException("closedAt is set exactly when the session is closed");
    }
  }

  /** The given side. */
  public SessionSide side(Side which) {
    return which == Side.CUSTOMER ? customer : partner;
  }

  /** This session with the given side replaced. */
  public MaskingSession withSide(Side which, SessionSide value) {
    return which == Side.CUSTOMER
        ? new MaskingSession(id, ref, region, status, value, partner, createdAt, closedAt,
            quarantineUntil)
        : new MaskingSession(id, ref, region, status, customer, value, createdAt, closedAt,
            quarantineUntil);
  }

  /** This session closed at {@code at}, its pairs reserved until {@code until}. */
  public MaskingSession closed(Instant at, Instant until) {
    return new MaskingSession(id, ref, region, Status.CLOSED, customer, partner, createdAt,
        Optional.of(at), Optional.of(until));
  }

  /** Whether it is active. */
  public boolean isActive() {
    return status == Status.ACTIVE;
  }

  /** Whether both sides are the same two parties as in {@code request}. */
  public boolean hasParties(PhoneNumber customerNumber, PhoneNumber partnerNumber) {
    return customer.number().equals(customerNumber) && partner.number().equals(partnerNumber);
  }
}
