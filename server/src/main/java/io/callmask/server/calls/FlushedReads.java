package io.callmask.server.calls;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link CallRecordStore} whose reads first write what waits in a {@link QueuedCallLog}, so a
 * reader (the API, the click-to-call policy) sees every call recorded before it asked, although
 * the log lets snapshots gather before it writes them. Reads block: never call from a SIP thread.
 * Thread-safe as the two it joins.
 */
public final class FlushedReads implements CallRecordStore, CallStatistics {

  private final QueuedCallLog log;
  private final CallRecordStore store;
  private final CallStatistics statistics;

  /** Reads of {@code store} and {@code statistics} (usually the same object) after {@code log}. */
  public FlushedReads(QueuedCallLog log, CallRecordStore store, CallStatistics statistics) {
    this.log = Objects.requireNonNull(log, "log");
    this.store = Objects.requireNonNull(store, "store");
    this.statistics = Objects.requireNonNull(statistics, "statistics");
  }

  @Override
  public void saveAll(Collection<CallRecord> records) {
    store.saveAll(records);
  }

  @Override
  public void saveAll(Collection<CallRecord> records, Predicate<String> savedBefore) {
    store.saveAll(records, savedBefore);
  }

  @Override
  public Optional<CallRecord> find(String id) {
    log.flush();
    return store.find(id);
  }

  @Override
  public List<CallRecord> bySession(String session, int limit) {
    log.flush();
    return store.bySession(session, limit);
  }

  @Override
  public List<CallRecord> recent(int limit) {
    log.flush();
    return store.recent(limit);
  }

  @Override
  public CallCounts since(Instant since) {
    log.flush();
    return statistics.since(since);
  }
}
