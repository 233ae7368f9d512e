package io.callmask.server.masking;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The writes of one store transaction. A write that would break a rule because of a concurrent
 * transaction throws {@link ConcurrentChangeException}, which rolls the whole transaction back.
 * Used by one thread, inside {@link SessionStore#inTransaction} only.
 */
public interface SessionTransaction extends CandidateSource {

  /** The session created with that ref. */
  Optional<MaskingSession> sessionByRef(String ref);

  /** The session with that id, locked against concurrent changes until the transaction ends. */
  Optional<MaskingSession> lockSession(String id);

  /** The proxy number registered under {@code number}. */
  Optional<ProxyNumber> number(PhoneNumber number);

  /**
   * Counts one more live session on {@code number}, only if it is healthy and serves fewer than
   * both its capacity and {@code maxLiveSessions}. The count may be applied when the transaction
   * commits (counters are hot rows, best locked last); if there is no room then (another
   * transaction took the last place after the number was chosen), the commit fails with
   * ConcurrentChangeException.
   */
  void take(PhoneNumber number, int maxLiveSessions);

  /** Stores a new session; a taken ref throws ConcurrentChangeException. */
  void insertSession(MaskingSession session);

  /** Stores the status, close times, sides and click-to-call flags of a session. */
  void updateSession(MaskingSession session);

  /** Stores new bindings; a (party, proxy) pair already bound throws ConcurrentChangeException. */
  void insertBindings(Collection<Binding> bindings);

  /** Starts the quarantine, until {@code until}, of each binding of the session without one. */
  void quarantineSession(String sessionId, Instant until);

  /** Starts the quarantine of the session's bindings of {@code proxy} (the number left it). */
  void quarantineNumber(String sessionId, PhoneNumber proxy, Instant until);

  /**
   * Deletes bindings whose quarantine ended by {@code now}, and counts one live session less on
   * a number for each session whose last binding of it went: all those of {@code parties}'
   * bindings, or when {@code parties} is empty those of any party, at most {@code limit}
   * (session, number) groups. Returns how many groups were released. Like {@link #take}, the
   * counts may change only at commit.
   */
  int releaseExpired(Collection<PhoneNumber> parties, Instant now, int limit);

  /** Records a number's health; false when no such number is registered. */
  boolean setHealth(PhoneNumber number, Health health);
}
