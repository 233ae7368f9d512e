package io.callmask.server.dialog;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dialogs this node takes part in, each with what owns it (for callmask, one leg of a call),
 * found by the {@link DialogId} of an arriving request or response. Thread-safe.
 *
 * @param <T> what a dialog is mapped to
 */
public final class DialogTable<T> {

  private final ConcurrentHashMap<DialogId, T> dialogs = new ConcurrentHashMap<>();

  /** Maps {@code id} to {@code owner}, replacing any earlier owner. */
  public void put(DialogId id, T owner) {
    dialogs.put(id, owner);
  }

  public Optional<T> find(DialogId id) {
    return Optional.ofNullable(dialogs.get(id));
  }

  /** Removes {@code id} if it still maps to {@code owner}. */
  public void remove(DialogId id, T owner) {
    dialogs.remove(id, owner);
  }

  /** Dialogs in the table, for leak checks and metrics. */
  public int size() {
    return dialogs.size();
  }
}
