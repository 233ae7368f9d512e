package io.callmask.server.masking;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A (party, proxy) pair held by a session: while it exists, {@code proxy} is not given to {@code
 * party} in any other session, and a call from {@code party} to {@code proxy} belongs to {@code
 * sessionId} (CONTRACT §4). Live until {@code expiresAt}: unset while the session uses it, set
 * when the session closes or the number is replaced (the quarantine). Immutable.
 */
public record Binding(
    PhoneNumber party,
    PhoneNumber proxy,
    String sessionId,
    Side side,
    NumberRole role,
    Optional<Instant> expiresAt) {

  /** Checks that no field is missing. */
  public Binding {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether the pair is still reserved at {@code now}. */
  public boolean isLiveAt(Instant now) {
    return expiresAt.map(now::isBefore).orElse(true);
  }
}
