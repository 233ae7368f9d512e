package io.callmask.server.store;

import io.callmask.server.masking.Binding;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.SessionStore.BoundSession;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the call path reads for each INVITE ({@link JdbcSessionStore#boundSession}), kept in
 * memory: bindings by (proxy, party), and sessions by id with the trunks of their four proxy
 * numbers. It is exact only while every change to the bindings and sessions goes through the
 * store that owns it, which calls {@link #forget} after each transaction, committed or not, with
 * what that transaction wrote; so only a store that is the database's sole writer may keep one
 * ({@link Database#isExclusive}). A number's trunk never changes once registered, so the trunks
 * are only ever dropped with their session.
 *
 * <p>A read that misses loads from the database and may race a transaction that commits while
 * it reads: it would then keep what the transaction replaced. {@link #keep} therefore takes the
 * count of forgets seen before the read ({@link #loadStarted}) and takes back what it kept when a
 * forget happened since. (A forget counts first and removes second: a change committed after the
 * read began either counts before the check, and the read takes back its entries, or removes
 * after the keep, and drops them itself.)
 *
 * <p>Bounded: when a map reaches {@link #capacity} entries it is emptied, which is always safe
 * and, at one emptying per {@code capacity} misses, cheap. Thread-safe.
 */
final class RouteCache {

  /** A binding's primary key, in the order of the table's. */
  record BindingKey(String proxy, String party) {}

  /** A session with the trunks of its proxy numbers (number in E.164 to trunk name). */
  record RoutedSession(MaskingSession session, Map<String, String> trunks) {}

  private final int capacity;
  private final Map<BindingKey, Binding> bindings = new ConcurrentHashMap<>();
  private final Map<String, RoutedSession> sessions = new ConcurrentHashMap<>();
  private final AtomicLong forgets = new AtomicLong();

  /** A cache of at most {@code capacity} bindings and as many sessions. */
  RouteCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /** What {@link JdbcSessionStore#boundSession} would read, when both parts are here. */
  Optional<BoundSession> find(PhoneNumber party, PhoneNumber proxy) {
    Binding binding = bindings.get(new BindingKey(proxy.e164(), party.e164()));
    if (binding == null) {
      return Optional.empty();
    }
    RoutedSession routed = sessions.get(binding.sessionId());
    if (routed == null) {
      return Optional.empty();
    }
    return Optional.of(bound(binding, routed));
  }

  /** The token a load passes to {@link #keep}; take it before reading the database. */
  long loadStarted() {
    return forgets.get();
  }

  /** Keeps what a load that began at {@code token} read, unless a forget happened since. */
  void keep(long token, Binding binding, RoutedSession routed) {
    BindingKey key = new BindingKey(binding.proxy().e164(), binding.party().e164());
    String sessionId = routed.session().id();
    bound(bindings, key, binding);
    bound(sessions, sessionId, routed);
    if (forgets.get() != token) {
      bindings.remove(key, binding);
      sessions.remove(sessionId, routed);
    }
  }

  /** Drops the bindings and sessions a transaction wrote (or tried to). */
  void forget(Collection<BindingKey> changedBindings, Collection<String> changedSessions) {
    if (changedBindings.isEmpty() && changedSessions.isEmpty()) {
      return;
    }
    forgets.incrementAndGet();
    changedBindings.forEach(bindings::remove);
    changedSessions.forEach(sessions::remove);
  }

  /** Bindings held now (for tests). */
  int bindingCount() {
    return bindings.size();
  }

  /** The binding's session from the calling side: the trunks of the other side's numbers. */
  static BoundSession bound(Binding binding, RoutedSession routed) {
    SessionSide callee = routed.session().side(binding.side().other());
    return new BoundSession(binding, routed.session(),
        routed.trunks().get(callee.proxy().e164()),
        routed.trunks().get(callee.backupProxy().e164()));
  }

  private <K, V> void bound(Map<K, V> map, K key, V value) {
    if (map.size() >= capacity) {
      map.clear();
    }
    map.put(key, value);
  }
}
