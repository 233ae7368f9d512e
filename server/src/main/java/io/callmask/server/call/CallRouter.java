package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.RouteOutcome;

/**
 * Finds where a call goes (CONTRACT §6); in service, {@code MaskingService::route}. Blocking (it
 * reads the store): call control runs it on its lookup executor, never on a SIP thread.
 */
@FunctionalInterface
public interface CallRouter {

  RouteOutcome route(PhoneNumber dialed, PhoneNumber caller);
}
