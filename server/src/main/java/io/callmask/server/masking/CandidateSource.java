package io.callmask.server.masking;

import java.util.Optional;

/**
 * Where {@link Allocator} finds numbers: the store inside a transaction, or an in-memory pool
 * for the planner and tests. Numbers have a fixed rank (the order they were added in); always
 * taking the first admissible number in rank order keeps the pool as small as the parties'
 * concurrent needs allow.
 */
public interface CandidateSource {

  /** The lowest-ranked number the query admits, if any. */
  Optional<ProxyNumber> first(CandidateQuery query);

  /**
   * Why {@link #first} found nothing: the first constraint of {@link PoolConstraint} that
   * empties the pool.
   */
  PoolConstraint exhaustion(CandidateQuery query);
}
