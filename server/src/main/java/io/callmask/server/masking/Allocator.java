package io.callmask.server.masking;

import java.util.Optional;
import java.util.Set;

/**
 * Chooses the proxy numbers of a new session, or of a replacement, under one {@link
 * AllocationStrategy} (CONTRACT §4). Pure: all state is in the {@link CandidateSource} it is
 * given, so the same rules drive the store and the pool planner. Stateless and thread-safe.
 *
 * <p>Each number is the first in rank order that the rules admit (first fit). Under {@code
 * two-pool} a side's choice depends only on that party's own bindings, so the highest rank used
 * never exceeds the most numbers one party holds at once: the pool needed is exactly the lower
 * bound. Under {@code single-pool} a number must be free for both parties, which costs a little
 * more; under {@code dedicated} a number serves one live session, so the pool grows with traffic.
 */
public final class Allocator {

  private final AllocationStrategy strategy;

  /** An allocator for one strategy. */
  public Allocator(AllocationStrategy strategy) {
    this.strategy = strategy;
  }

  /** The strategy it applies. */
  public AllocationStrategy strategy() {
    return strategy;
  }

  /** Chooses proxy and backup for each side of a session between the two parties. */
  public Allocation allocate(
      String region, PhoneNumber customer, PhoneNumber partner, CandidateSource source) {
    return switch (strategy) {
      case TWO_POOL -> twoPool(region, customer, partner, source);
      case SINGLE_POOL, DEDICATED -> shared(region, customer, partner, source);
    };
  }

  /**
   * Chooses a number to take the place of one that left a live session (it became unhealthy):
   * same pool, region and parties as the side it serves, another trunk than {@code keptNumber}
   * (the number the side keeps in its other role), and not {@code leaving}.
   */
  public Replacement replacement(
      String region, Set<PhoneNumber> parties, Pool pool, NumberRole role,
      ProxyNumber keptNumber, PhoneNumber leaving, CandidateSource source) {
    CandidateQuery query = new CandidateQuery(region, pool, role, parties, maxLiveSessions(),
        Set.of(leaving, keptNumber.number()), Optional.of(keptNumber.trunk()));
    Optional<ProxyNumber> chosen = source.first(query);
    if (chosen.isEmpty()) {
      return new PoolExhausted(region, pool, role, source.exhaustion(query));
    }
    return new Replacement.Chosen(chosen.get());
  }

  /** The pool that serves one side under this strategy. */
  public Pool poolFor(Side side) {
    if (strategy != AllocationStrategy.TWO_POOL) {
      return Pool.SHARED;
    }
    return side == Side.CUSTOMER ? Pool.CUSTOMER : Pool.PARTNER;
  }

  private int maxLiveSessions() {
    return strategy == AllocationStrategy.DEDICATED ? 1 : Integer.MAX_VALUE;
  }

  private Allocation twoPool(
      String region, PhoneNumber customer, PhoneNumber partner, CandidateSource source) {
    Allocation customerPair = pair(region, Pool.CUSTOMER, Set.of(customer), source);
    if (customerPair instanceof PoolExhausted exhausted) {
      return exhausted;
    }
    Allocation partnerPair = pair(region, Pool.PARTNER, Set.of(partner), source);
    if (partnerPair instanceof PoolExhausted exhausted) {
      return exhausted;
    }
    NumberPlan c = (NumberPlan) customerPair;
    NumberPlan p = (NumberPlan) partnerPair;
    return new NumberPlan(c.customerProxy(), c.customerBackup(), p.customerProxy(),
        p.customerBackup());
  }

  private Allocation shared(
      String region, PhoneNumber customer, PhoneNumber partner, CandidateSource source) {
    return pair(region, Pool.SHARED, Set.of(customer, partner), source);
  }

  /** A primary and a backup on another trunk, as a plan whose two sides share them. */
  private Allocation pair(
      String region, Pool pool, Set<PhoneNumber> parties, CandidateSource source) {
    CandidateQuery primaryQuery = new CandidateQuery(region, pool, NumberRole.PRIMARY, parties,
        maxLiveSessions(), Set.of(), Optional.empty());
    Optional<ProxyNumber> primary = source.first(primaryQuery);
    if (primary.isEmpty()) {
      return new PoolExhausted(region, pool, NumberRole.PRIMARY,
          source.exhaustion(primaryQuery));
    }
    CandidateQuery backupQuery = new CandidateQuery(region, pool, NumberRole.BACKUP, parties,
        maxLiveSessions(), Set.of(primary.get().number()), Optional.of(primary.get().trunk()));
    Optional<ProxyNumber> backup = source.first(backupQuery);
    if (backup.isEmpty()) {
      return new PoolExhausted(region, pool, NumberRole.BACKUP, source.exhaustion(backupQuery));
    }
    return new NumberPlan(primary.get(), backup.get(), primary.get(), backup.get());
  }
}
