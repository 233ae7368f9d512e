package io.callmask.server.masking;

import java.util.List;

/**
 * Hears about committed session changes, e.g. to tell the marketplace (CONTRACT §7). The masking
 * service calls it after the change's transaction committed, on the thread that made the change;
 * an implementation must be thread-safe and must not throw (a failure to report cannot undo the
 * change).
 */
public interface SessionListener {

  /** Listens to nothing. */
  SessionListener NONE = new SessionListener() {};

  /** A new session was created (not an idempotent repeat of an existing ref). */
  default void created(MaskingSession session) {}

  /** An active session was closed. */
  default void closed(MaskingSession session) {}

  /** Proxy numbers of a live session were replaced; {@code session} is the state afterwards. */
  default void numbersChanged(MaskingSession session, List<NumberChange> changes) {}

  /** A session, or the replacement of an unhealthy number, found no number left. */
  default void poolExhausted(PoolExhausted outcome) {}

  /** Tells {@code first}, then {@code second}, of everything. */
  static SessionListener both(SessionListener first, SessionListener second) {
    return new SessionListener() {
      @Override
      public void created(MaskingSession session) {
        first.created(session);
        second.created(session);
      }

      @Override
      public void closed(MaskingSession session) {
        first.closed(session);
        second.closed(session);
      }

      @Override
      public void numbersChanged(MaskingSession session, List<NumberChange> changes) {
        first.numbersChanged(session, changes);
        second.numbersChanged(session, changes);
      }

      @Override
      public void poolExhausted(PoolExhausted outcome) {
        first.poolExhausted(outcome);
        second.poolExhausted(outcome);
      }
    };
  }
}
