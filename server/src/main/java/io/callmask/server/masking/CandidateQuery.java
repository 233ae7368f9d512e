package io.callmask.server.masking;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which proxy numbers may serve a side in a given role (CONTRACT §4): of {@code region} and
 * {@code pool}, healthy, with fewer live sessions than both their capacity and {@code
 * maxLiveSessions}, bound to none of {@code parties}, not in {@code excluded}, and, for a backup,
 * on another trunk than {@code avoidTrunk}. Immutable.
 *
 * @param role the role being filled (it only labels an exhaustion)
 * @param maxLiveSessions 1 under {@code dedicated}, otherwise {@link Integer#MAX_VALUE}
 */
public record CandidateQuery(
    String region,
    Pool pool,
    NumberRole role,
    Set<PhoneNumber> parties,
    int maxLiveSessions,
    Set<PhoneNumber> excluded,
    Optional<String> avoidTrunk) {

  /** Checks that no field is missing. */
  public CandidateQuery {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(role, "role");
    parties = Set.copyOf(parties);
    if (parties.isEmpty()) {
      throw new IllegalArgumentException("a number is always chosen for at least one party");
    }
    excluded = Set.copyOf(excluded);
    Objects.requireNonNull(avoidTrunk, "avoidTrunk");
    if (maxLiveSessions < 1) {
      throw new IllegalArgumentException("maxLiveSessions must be at least 1");
    }
  }

  /** Whether {@code number}, serving {@code liveSessions}, passes all filters but bindings. */
  public boolean admits(ProxyNumber number, int liveSessions) {
    return number.region().equals(region)
        && number.pool() == pool
        && number.health() == Health.HEALTHY
        && liveSessions < Math.min(number.capacity(), maxLiveSessions)
        && !excluded.contains(number.number())
        && avoidTrunk.map(trunk -> !trunk.equals(number.trunk())).orElse(true);
  }
}
