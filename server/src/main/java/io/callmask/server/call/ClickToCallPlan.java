package io.callmask.server.call;

import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.Side;
import java.util.Objects;

/**
 * Whom a click-to-call calls and what it shows each party: the party on side {@code from} of
 * {@code session} is called first ({@code first}), then the other ({@code second}); each target
 * names the numbers presented to that party, primary then backup. Immutable.
 */
record ClickToCallPlan(MaskingSession session, Side from, CalleeAttempts.Target first,
    CalleeAttempts.Target second) {

  ClickToCallPlan {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
  }
}
