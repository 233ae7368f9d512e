package io.callmask.server.masking;

/**
 * The rule of CONTRACT §4 that left no number to choose, checked in this order: the first one
 * that empties the region's pool is the one reported.
 */
public enum PoolConstraint {
  /** The region has no numbers in that pool (besides those the session already has). */
  NO_NUMBERS,
  /** Every number there is marked unhealthy. */
  HEALTH,
  /** Every healthy number serves as many live sessions as its capacity allows. */
  CAPACITY,
  /** Every remaining number is already bound to one of the session's parties. */
  PARTY_BINDINGS,
  /** No remaining number is on a trunk other than the primary's (needed for the backup). */
  BACKUP_TRUNK;

  /** The spelling used in the API, e.g. {@code party_bindings}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The constraint that emptied the pool, given how many numbers remain after applying each
   * constraint in declaration order (so {@code remaining[0]} is the pool's size). When none is
   * zero (the last number was taken meanwhile), the last one.
   */
  public static PoolConstraint firstEmpty(long[] remaining) {
    PoolConstraint[] all = values();
    if (remaining.length != all.length) {
      throw new IllegalArgumentException("one count per constraint expected");
    }
    for (int i = 0; i < all.length; i++) {
      if (remaining[i] == 0) {
        return all[i];
      }
    }
    return all[all.length - 1];
  }
}
