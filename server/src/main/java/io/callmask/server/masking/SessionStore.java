package io.callmask.server.masking;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where sessions, bindings and the live-session counts of numbers are kept. The store enforces
 * the rules of CONTRACT §4 itself (unique (party, proxy) among live bindings, conditional
 * capacity counts), so several servers sharing it cannot break them. Implementations are
 * thread-safe; reads see committed data.
 */
public interface SessionStore {

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   *
   * @throws ConcurrentChangeException when another transaction won a race; nothing was written
   */
  <T> T inTransaction(Function<SessionTransaction, T> work);

  /** The session with that id. */
  Optional<MaskingSession> session(String id);

  /** The session created with that ref. */
  Optional<MaskingSession> sessionByRef(String ref);

  /** Sessions, newest first, optionally only those of one status; at most {@code limit}. */
  List<MaskingSession> sessions(Optional<MaskingSession.Status> status, int limit);

  /** The binding of (party, proxy), live or awaiting release. */
  Optional<Binding> binding(PhoneNumber party, PhoneNumber proxy);

  /**
   * In one read, for the call path: the binding of (party, proxy), its session, and the trunks
   * of the numbers shown to the other side of that session (proxy, then backup).
   */
  Optional<BoundSession> boundSession(PhoneNumber party, PhoneNumber proxy);

  /**
   * What {@link #boundSession} would return, when the store holds it in memory; empty when only
   * a read can tell (which says nothing of whether the binding exists). Never blocks. By
   * default the store keeps nothing in memory.
   */
  default Optional<BoundSession> boundSessionInMemory(PhoneNumber party, PhoneNumber proxy) {
    return Optional.empty();
  }

  /** What {@link #boundSession} reads. */
  record BoundSession(Binding binding, MaskingSession session, String calleeProxyTrunk,
      String calleeBackupTrunk) {}

  /** Every binding still in the store (for checks and tests; not for the call path). */
  List<Binding> bindings();

  /** The proxy number registered under {@code number}. */
  Optional<ProxyNumber> number(PhoneNumber number);

  /**
   * The proxy numbers registered under {@code numbers}, by number; numbers not registered are
   * left out. A store may read them all at once (a click-to-call needs four).
   */
  default Map<PhoneNumber, ProxyNumber> numbers(Collection<PhoneNumber> numbers) {
    Map<PhoneNumber, ProxyNumber> found = new HashMap<>();
    for (PhoneNumber number : numbers) {
      number(number).ifPresent(registered -> found.put(number, registered));
    }
    return found;
  }

  /** Ids of the active sessions that use {@code number} in any side and role. */
  List<String> activeSessionsUsing(PhoneNumber number);
}
