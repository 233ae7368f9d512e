package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.RouteOutcome;
import java.util.Optional;

/**
 * Finds where a call goes (CONTRACT §6); in service, {@code MaskingService}'s {@code route} and
 * {@code routeInMemory}. {@link #route} blocks (it may read the store): call control runs it on
 * its lookup executor, never on a SIP thread, unless {@link #routeInMemory} already answered.
 */
@FunctionalInterface
public interface CallRouter {

  RouteOutcome route(PhoneNumber dialed, PhoneNumber caller);

  /**
   * What {@link #route} would answer, when that can be had from memory without blocking; empty
   * when only {@link #route} can tell (which says nothing of whether the call has a route).
   * Called on SIP threads. By default nothing is known in memory.
   */
  default Optional<RouteOutcome> routeInMemory(PhoneNumber dialed, PhoneNumber caller) {
    return Optional.empty();
  }
}
