package io.callmask.server.masking;

import java.util.Objects;

/**
 * What a change to the registered trunks or numbers did; nothing is written unless {@link
 * Added}.
 */
public sealed interface PoolChange
    permits PoolChange.Added, PoolChange.UnknownTrunk, PoolChange.Duplicate {

  /** {@code count} trunks or numbers were added. */
  record Added(int count) implements PoolChange {}

  /** A number names a trunk that is not registered. */
  record UnknownTrunk(String trunk) implements PoolChange {
    public UnknownTrunk {
      Objects.requireNonNull(trunk, "trunk");
    }
  }

  /** A trunk name or number is already registered (or repeated in the request). */
  record Duplicate(String what) implements PoolChange {
    public Duplicate {
      Objects.requireNonNull(what, "what");
    }
  }
}
