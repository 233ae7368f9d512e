package io.callmask.server.masking;

import java.util.List;
import java.util.Optional;

/** The (party, proxy) bindings a new session holds: each party to its proxy and its backup. */
final class SessionBindings {

  private SessionBindings() {}

  /** Four bindings: customer and partner, each to its proxy and backup proxy. */
  static List<Binding> of(MaskingSession session) {
    return List.of(
        binding(session, Side.CUSTOMER, NumberRole.PRIMARY),
        binding(session, Side.CUSTOMER, NumberRole.BACKUP),
        binding(session, Side.PARTNER, NumberRole.PRIMARY),
        binding(session, Side.PARTNER, NumberRole.BACKUP));
  }

  private static Binding binding(MaskingSession session, Side side, NumberRole role) {
    SessionSide of = session.side(side);
    return new Binding(of.number(), of.proxy(role), session.id(), side, role, Optional.empty());
  }
}
