package io.callmask.server.masking;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The four numbers chosen for a new session. Under {@code single-pool} and {@code dedicated} the
 * sides share them. Immutable.
 */
public record NumberPlan(
    ProxyNumber customerProxy,
    ProxyNumber customerBackup,
    ProxyNumber partnerProxy,
    ProxyNumber partnerBackup)
    implements Allocation {

  /** Checks that no field is missing. */
  public NumberPlan {
    Objects.requireNonNull(customerProxy, "customerProxy");
    Objects.requireNonNull(customerBackup, "customerBackup");
    Objects.requireNonNull(partnerProxy, "partnerProxy");
    Objects.requireNonNull(partnerBackup, "partnerBackup");
  }

  /** The distinct numbers the session uses: each one counts once against its capacity. */
  public Set<PhoneNumber> distinctNumbers() {
    Set<PhoneNumber> numbers = new LinkedHashSet<>();
    numbers.add(customerProxy.number());
    numbers.add(customerBackup.number());
    numbers.add(partnerProxy.number());
    numbers.add(partnerBackup.number());
    return numbers;
  }

  /** The number chosen for one side and role. */
  public ProxyNumber number(Side side, NumberRole role) {
    if (side == Side.CUSTOMER) {
      return role == NumberRole.PRIMARY ? customerProxy : customerBackup;
    }
    return role == NumberRole.PRIMARY ? partnerProxy : partnerBackup;
  }
}
