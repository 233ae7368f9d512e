package io.callmask.server.store;

import io.callmask.server.store.RouteCache.BindingKey;
import java.util.HashSet;
import java.util.Set;

/**
 * The bindings and sessions one transaction wrote or tried to write, noted by each statement that
 * changes them, so that the store can drop them from its {@link RouteCache} once the transaction
 * has ended. Not thread-safe: one per transaction.
 */
final class WrittenRoutes {

  private final Set<BindingKey> bindings = new HashSet<>();
  private final Set<String> sessions = new HashSet<>();

  /** The binding of {@code party} to {@code proxy} (both E.164) is inserted, changed or deleted. */
  void binding(String proxy, String party) {
    bindings.add(new BindingKey(proxy, party));
  }

  /** The session with that id is inserted or changed. */
  void session(String id) {
    sessions.add(id);
  }

  /** Drops what was noted from {@code cache}. */
  void forgetIn(RouteCache cache) {
    cache.forget(bindings, sessions);
  }
}
