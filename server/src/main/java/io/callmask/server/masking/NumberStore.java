package io.callmask.server.masking;

import java.util.List;
import java.util.Optional;

/**
 * The trunks and proxy numbers an operator registered (CONTRACT §3 {@code trunks}, {@code
 * numbers}). Thread-safe; blocking.
 */
public interface NumberStore {

  /** Registers a trunk. */
  PoolChange addTrunk(Trunk trunk);

  /** Every trunk, by name. */
  List<Trunk> trunks();

  /** Registers numbers, all or nothing: an unknown trunk or a duplicate changes nothing. */
  PoolChange addNumbers(List<ProxyNumber> numbers);

  /** Numbers in rank order with their live-session counts, filtered. */
  List<NumberUse> numbers(NumberFilter filter);

  /** Whether any proxy number, healthy or not, is registered in {@code region}. */
  boolean hasRegion(String region);

  /** Which numbers {@link #numbers} lists; an empty field matches all. */
  record NumberFilter(Optional<String> region, Optional<String> trunk, Optional<Health> health) {
    /** No filter. */
    public static NumberFilter all() {
      return new NumberFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** A number and how many live sessions (active or in quarantine) it serves now. */
  record NumberUse(ProxyNumber number, int liveSessions) {}
}
