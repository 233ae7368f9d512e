package io.callmask.server.calls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A call record store in memory that remembers each batch it was given, and can be told to fail
 * the next saves or to refuse records with some ids. Thread-safe (synchronised).
 */
final class RecordingStore implements CallRecordStore {

  private final Map<String, CallRecord> saved = new LinkedHashMap<>();
  private final List<List<CallRecord>> batches = new ArrayList<>();
  private final Map<String, Boolean> hints = new LinkedHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile Set<String> refusedIds = Set.of();
  private int saves;
  private int failingSave;

  /** The next {@code count} saves throw as a store that cannot be reached. */
  void failNext(int count) {
    failuresLeft.set(count);
  }

  /** Save number {@code nth} (from 1, counting every call) throws as an unreachable store. */
  synchronized void failSave(int nth) {
    failingSave = nth;
  }

  /** Saves of a batch holding any of {@code ids} are refused for their content. */
  void refuse(Set<String> ids) {
    refusedIds = Set.copyOf(ids);
  }

  @Override
  public synchronized void saveAll(Collection<CallRecord> records) {
    saves++;
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || saves == failingSave) {
      throw new IllegalStateException("store unreachable");
    }
    if (records.stream().anyMatch(r -> refusedIds.contains(r.id()))) {
      throw new CallRecordsRefused("value too long", null);
    }
    batches.add(List.copyOf(records));
    for (CallRecord record : records) {
      saved.put(record.id(), record);
    }
  }

  /**
   * Saves as {@link #saveAll(Collection)} does, and remembers which ids the caller said may be
   * stored already.
   */
  @Override
  public synchronized void saveAll(Collection<CallRecord> records, Predicate<String> savedBefore) {
    saveAll(records);
    for (CallRecord record : records) {
      hints.put(record.id() + "@" + record.status().configName(), savedBefore.test(record.id()));
    }
  }

  /**
   * For each saved record, as {@code id@status}: whether the caller said its call may be stored
   * already (when a call's record in one status was saved twice, the later save's hint).
   */
  synchronized Map<String, Boolean> hints() {
    return Map.copyOf(hints);
  }

  synchronized List<List<CallRecord>> batches() {
    return List.copyOf(batches);
  }

  synchronized Map<String, CallRecord> saved() {
    return Map.copyOf(saved);
  }

  @Override
  public synchronized Optional<CallRecord> find(String id) {
    return Optional.ofNullable(saved.get(id));
  }

  @Override
  public List<CallRecord> bySession(String session, int limit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<CallRecord> recent(int limit) {
    throw new UnsupportedOperationException();
  }
}
