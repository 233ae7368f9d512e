package io.callmask.sip.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transaction table (RFC 3261 §17.1.3, §17.2.3) and its two secondary indexes: the
 * §8.2.2.2 identities of server transactions outside a dialog (merged-request detection), and the
 * 2xx responses whose dialog ACK is awaited (§13.3.1.4 retransmission on UDP). Every entry
 * belongs to one live transaction, which removes it when it terminates; removals are conditional
 * on the value, so a late removal never evicts a newer transaction under the same key.
 *
 * <p>Thread-safe: concurrent maps only, never locked while calling out.
 */
final class TransactionTable {

  private final ConcurrentHashMap<TransactionKey, ClientSideTransaction> clients =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TransactionKey, ServerSideTransaction> servers =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MergedRequestKey, ServerSideTransaction> outsideDialog =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<DialogAckKey, ServerInviteTransaction> awaitingAck =
      new ConcurrentHashMap<>();

  /** Adds a client transaction; its branch is fresh, so a clash means a broken branch source. */
  void addClient(ClientSideTransaction transaction) {
    if (clients.putIfAbsent(transaction.key, transaction) != null) {
      throw new IllegalStateException("duplicate client transaction " + transaction.key);
    }
  }

  ClientSideTransaction client(TransactionKey key) {
    return clients.get(key);
  }

  void removeClient(ClientSideTransaction transaction) {
    clients.remove(transaction.key, transaction);
  }

  ServerSideTransaction server(TransactionKey key) {
    return servers.get(key);
  }

  /** Adds {@code transaction} unless its key is taken; returns the one that holds the key. */
  ServerSideTransaction addServer(ServerSideTransaction transaction) {
    ServerSideTransaction prior = servers.putIfAbsent(transaction.key, transaction);
    return prior == null ? transaction : prior;
  }

  /**
   * Claims {@code transaction}'s §8.2.2.2 identity; returns the transaction that holds it (itself
   * if the claim succeeded).
   */
  ServerSideTransaction claimOutsideDialog(ServerSideTransaction transaction) {
    ServerSideTransaction prior = outsideDialog.putIfAbsent(transaction.mergeKey, transaction);
    return prior == null ? transaction : prior;
  }

  void removeServer(ServerSideTransaction transaction) {
    servers.remove(transaction.key, transaction);
    if (transaction.mergeKey != null) {
      outsideDialog.remove(transaction.mergeKey, transaction);
    }
  }

  /** {@code transaction} retransmits a 2xx until the ACK with {@code key} arrives. */
  void awaitAck(DialogAckKey key, ServerInviteTransaction transaction) {
    awaitingAck.put(key, transaction);
  }

  /** The transaction waiting for the dialog ACK {@code key}, which no longer waits; or null. */
  ServerInviteTransaction takeAwaitingAck(DialogAckKey key) {
    return awaitingAck.remove(key);
  }

  void forgetAck(DialogAckKey key, ServerInviteTransaction transaction) {
    awaitingAck.remove(key, transaction);
  }

  /** Live transactions, client and server. */
  int size() {
    return clients.size() + servers.size();
  }

  /** Entries of the secondary indexes; zero whenever {@link #size} is. */
  int indexSize() {
    return outsideDialog.size() + awaitingAck.size();
  }

  /** A snapshot of all live transactions. */
  List<Transaction> all() {
    List<Transaction> all = new ArrayList<>(size());
    all.addAll(clients.values());
    all.addAll(servers.values());
    return all;
  }
}
