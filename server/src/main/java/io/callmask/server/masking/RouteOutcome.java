package io.callmask.server.masking;

import java.util.Objects;

/**
 * Where a call from {@code caller} to a dialed proxy goes (CONTRACT §6): routed, refused because
 * the session is closed (SIP 480), or unknown (SIP 404).
 */
public sealed interface RouteOutcome
    permits RouteOutcome.Routed, RouteOutcome.SessionClosed, RouteOutcome.NoSession {

  /**
   * An active session: the caller is on {@code from}; the B-leg goes to {@code target} (the other
   * party's real number) presenting {@code primary}, and on failover {@code backup}.
   */
  record Routed(
      MaskingSession session, Side from, PhoneNumber target, Presentation primary,
      Presentation backup) implements RouteOutcome {
    public Routed {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(primary, "primary");
      Objects.requireNonNull(backup, "backup");
    }
  }

  /** The pair belongs to a closed session still in quarantine: the call is refused (480). */
  record SessionClosed(MaskingSession session) implements RouteOutcome {
    public SessionClosed {
      Objects.requireNonNull(session, "session");
    }
  }

  /** No live session binds that caller to that number (404). */
  record NoSession() implements RouteOutcome {}
}
