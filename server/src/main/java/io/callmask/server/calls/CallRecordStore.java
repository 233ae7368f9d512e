package io.callmask.server.calls;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Persistent call records. Blocking (JDBC): never call it from a SIP thread. Thread-safe. */
public interface CallRecordStore {

  /** Inserts or replaces each record, by id, in one transaction. */
  void saveAll(Collection<CallRecord> records);

  Optional<CallRecord> find(String id);

  /** The session's calls, newest first, at most {@code limit}. */
  List<CallRecord> bySession(String session, int limit);

  /** The newest calls of all sessions, at most {@code limit}. */
  List<CallRecord> recent(int limit);
}
