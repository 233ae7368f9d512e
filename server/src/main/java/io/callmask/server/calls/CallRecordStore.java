package io.callmask.server.calls;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Persistent call records. Blocking (JDBC): never call it from a SIP thread. Thread-safe. */
public interface CallRecordStore {

  /** Inserts or replaces each record, by id, in one transaction. */
  void saveAll(Collection<CallRecord> records);

  /**
   * As {@link #saveAll(Collection)}, told which records may be stored already: those whose id
   * {@code savedBefore} accepts. The others are saved as new, which spares a store the search
   * for a row it would not find (most calls are written once, when they end). The hint only
   * saves work: a record that exists although the hint says new is replaced all the same. This
   * default ignores the hint.
   */
  default void saveAll(Collection<CallRecord> records, Predicate<String> savedBefore) {
    saveAll(records);
  }

  Optional<CallRecord> find(String id);

  /** The session's calls, newest first, at most {@code limit}. */
  List<CallRecord> bySession(String session, int limit);

  /** The newest calls of all sessions, at most {@code limit}. */
  List<CallRecord> recent(int limit);
}
