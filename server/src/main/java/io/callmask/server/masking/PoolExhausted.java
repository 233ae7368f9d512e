package io.callmask.server.masking;

import java.util.Objects;

/**
 * No number could be chosen: which region and pool ran out, and under which rule. The HTTP API
 * answers 409 {@code pool_exhausted}. Immutable.
 */
public record PoolExhausted(String region, Pool pool, NumberRole role, PoolConstraint constraint)
    implements CreateOutcome, Allocation, Replacement {

  /** Checks that no field is missing. */
  public PoolExhausted {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(constraint, "constraint");
  }

  /** One line for operators, e.g. {@code region KA pool customer: no backup ... (capacity)}. */
  public String describe() {
    return "region " + region + " pool " + pool.configName() + ": no "
        + (role == NumberRole.PRIMARY ? "proxy" : "backup proxy") + " number left ("
        + constraint.code() + ")";
  }
}
