package io.callmask.server.call;

import java.time.Duration;
import java.util.Objects;

/**
 * The configuration call control reads (CONTRACT §2).
 *
 * @param failoverTimeout no provisional response from the primary attempt within this: the backup
 *     is tried ({@code failover.timeout})
 * @param defaultCountry ISO country for numbers written without {@code +} ({@code
 *     numbers.default-country})
 */
public record CallSettings(Duration failoverTimeout, String defaultCountry) {

  public CallSettings {
    Objects.requireNonNull(failoverTimeout, "failoverTimeout");
    Objects.requireNonNull(defaultCountry, "defaultCountry");
    if (failoverTimeout.isNegative() || failoverTimeout.isZero()) {
      throw new IllegalArgumentException("failoverTimeout must be positive");
    }
  }
}
