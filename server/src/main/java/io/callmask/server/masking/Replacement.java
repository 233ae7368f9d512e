package io.callmask.server.masking;

import java.util.Objects;

/** What {@link Allocator#replacement} chose for a number leaving a live session. */
public sealed interface Replacement permits Replacement.Chosen, PoolExhausted {

  /** The number that takes the leaving one's place. */
  record Chosen(ProxyNumber number) implements Replacement {
    public Chosen {
      Objects.requireNonNull(number, "number");
    }
  }
}
