package io.callmask.server.masking;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What {@link MaskingService#reportHealth} did. */
public sealed interface HealthOutcome permits HealthOutcome.Recorded, HealthOutcome.UnknownNumber {

  /**
   * The health was recorded. For an unhealthy number: the replacements made, per session, and
   * the sessions that keep the number because no replacement obeys the rules.
   */
  record Recorded(
      ProxyNumber number, List<NumberChange> changes, Map<String, PoolExhausted> unreplaced)
      implements HealthOutcome {
    public Recorded {
      Objects.requireNonNull(number, "number");
      changes = List.copyOf(changes);
      unreplaced = Map.copyOf(unreplaced);
    }
  }

  /** No proxy number is registered under that number. */
  record UnknownNumber(PhoneNumber number) implements HealthOutcome {
    public UnknownNumber {
      Objects.requireNonNull(number, "number");
    }
  }
}
