package io.callmask.server.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CallLog} of the server: {@link #record} only queues the snapshot, and a writer on
 * the log's own thread saves the queue to the {@link CallRecordStore} in batches. Several
 * snapshots of one call that wait together are one entry, the latest, so a busy store writes
 * fewer rows, not more. Thread-safe; {@link #record} never blocks and never throws.
 *
 * <p>Memory is bounded: at most {@link Settings#capacity} calls wait (plus one batch being
 * written). When that many wait, a snapshot of a call that is not already waiting is dropped,
 * counted ({@link Stats#overflowed}) and reported in the log by the writer; a snapshot of a
 * waiting call still replaces the one waiting. So what an overflow loses is the changes of other
 * calls: a call keeps the last state that reached the store (it may stay {@code ringing}), or has
 * no record if none did. Overflow happens only when the store is down or slower than the calls
 * for longer than the queue lasts (100,000 calls by default: half a minute at 3,000 calls/s).
 *
 * <p>A batch the store fails to save goes back to the queue (behind newer snapshots of its
 * calls, which win) and is written again after a backoff that doubles up to {@link
 * Settings#maxRetry}; nothing is dropped for a failing store. A batch the store refuses for its
 * content ({@link CallRecordsRefused}) is halved until the refused records are alone: those are
 * dropped, counted ({@link Stats#refused}) and logged, and the rest is written. {@link #close}
 * writes whatever waits, on the closing thread.
 *
 * <p>A call still in progress waits {@link Settings#holdOpen} before its first write: most calls
 * end within it (a failed, busy or unanswered call, a short conversation), and a call written
 * only at its end costs the store one row write instead of two or three. {@link #flush} writes
 * held calls too, so readers that flush first still see every call in progress.
 *
 * <p>The log remembers which calls it saved while they were in progress, and tells the store
 * that the others are new ({@link CallRecordStore#saveAll(Collection, java.util.function.Predicate)}):
 * a call's first write is an insert, without an update that finds no row first. The memory is
 * bounded by {@link Settings#capacity}; a call forgotten beyond it only costs the store that
 * update again.
 */
public final class QueuedCallLog implements CallLog, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QueuedCallLog.class);
  private static final long OVERFLOW_REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /**
   * How the log queues and writes.
   *
   * @param capacity calls that may wait to be written
   * @param maxBatch records saved in one transaction
   * @param firstRetry the wait before writing again after a failure; doubles on each failure
   * @param maxRetry the longest wait between attempts
   * @param closeAttempts how often {@link #close} tries a failing store before giving up
   * @param gather how long the writer lets snapshots gather before it writes them: a call's
   *     start, ringing and answer usually fall in one window and become one row write, and a
   *     batch of many calls costs one commit
   * @param holdOpen how long a call in progress waits before its first write, so that a call
   *     ending within it is written once; a crash loses the calls in progress this young
   */
  public record Settings(int capacity, int maxBatch, Duration firstRetry, Duration maxRetry,
      int closeAttempts, Duration gather, Duration holdOpen) {

    public static final Settings DEFAULTS = new Settings(100_000, 500, Duration.ofMillis(100),
        Duration.ofSeconds(30), 3, Duration.ofMillis(250), Duration.ofSeconds(5));

    public Settings {
      if (capacity < 1 || maxBatch < 1 || closeAttempts < 1) {
        throw new IllegalArgumentException("capacity, maxBatch and closeAttempts must be >= 1");
      }
      if (firstRetry.isNegative() || maxRetry.compareTo(firstRetry) < 0) {
        throw new IllegalArgumentException("need 0 <= firstRetry <= maxRetry");
      }
      if (gather.isNegative() || holdOpen.isNegative()) {
        throw new IllegalArgumentException("gather and holdOpen must be >= 0");
      }
      if (!holdOpen.isZero() && gather.isZero()) {
        // the writer looks for ended calls among the held ones once per gather window
        throw new IllegalArgumentException("holdOpen needs a gather window");
      }
    }

    /** Settings that hold no call in progress back. */
    public Settings(int capacity, int maxBatch, Duration firstRetry, Duration maxRetry,
        int closeAttempts, Duration gather) {
      this(capacity, maxBatch, firstRetry, maxRetry, closeAttempts, gather, Duration.ZERO);
    }

    /** Settings that write as soon as the writer is free. */
    public Settings(int capacity, int maxBatch, Duration firstRetry, Duration maxRetry,
        int closeAttempts) {
      this(capacity, maxBatch, firstRetry, maxRetry, closeAttempts, Duration.ZERO, Duration.ZERO);
    }
  }

  /**
   * What the log did since it started.
   *
   * @param recorded snapshots handed to {@link #record}
   * @param written records saved (a record may carry several coalesced snapshots)
   * @param pending calls waiting to be written now
   * @param overflowed snapshots dropped because the queue was full
   * @param refused records dropped because the store refused their content
   * @param failedBatches batches the store failed to save (and that were kept for a retry)
   * @param afterClose snapshots recorded after {@link #close}, not written
   */
  public record Stats(long recorded, long written, int pending, long overflowed, long refused,
      long failedBatches, long afterClose) {}

  /** A call in progress held back since {@code sinceNanos}. */
  private record Held(String id, long sinceNanos) {}

  private final CallRecordStore store;
  private final Settings settings;
  private final ScheduledExecutorService executor;
  private final LongSupplier nanoTime;

  /** The latest waiting snapshot of each call, and the calls in the order they started waiting. */
  private final ConcurrentHashMap<String, CallRecord> pending = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
  /** Calls in progress, oldest first; a call here may also be in {@link #order} once it ended. */
  private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  /** True while a drain is queued, running or waiting out a backoff: at most one at a time. */
  private final AtomicBoolean scheduled = new AtomicBoolean();
  /** Held while saving, so that {@link #flush} and {@link #close} never race the writer. */
  private final ReentrantLock writing = new ReentrantLock();
  /**
   * Calls whose latest saved record is one in progress, oldest first. Guarded by {@link
   * #writing}.
   */
  private final Set<String> savedInProgress;
  private volatile boolean closed;

  private final LongAdder recorded = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder overflowed = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failedBatches = new LongAdder();
  private final LongAdder afterClose = new LongAdder();

  /** Changed only by the drain task (one at a time); read for log messages. */
  private volatile Duration retryDelay;
  /** Guarded by {@link #writing}. */
  private long overflowReported;
  private long overflowReportedAt = System.nanoTime() - OVERFLOW_REPORT_NANOS;

  /** A log writing to {@code store} on a thread of its own, named {@code call-records}. */
  public QueuedCallLog(CallRecordStore store, Settings settings) {
    this(store, settings, ownExecutor(), System::nanoTime);
  }

  /**
   * A log writing on {@code executor}, which it shuts down on {@link #close}, and telling time
   * by {@code nanoTime} (tests).
   */
  QueuedCallLog(CallRecordStore store, Settings settings, ScheduledExecutorService executor,
      LongSupplier nanoTime) {
    this.store = store;
    this.settings = settings;
    this.executor = executor;
    this.nanoTime = nanoTime;
    this.retryDelay = settings.firstRetry();
    this.savedInProgress = Collections.newSetFromMap(new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > settings.capacity();
      }
    });
  }

  private static ScheduledExecutorService ownExecutor() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "call-records");
      thread.setDaemon(true);
      return thread;
    });
    // A backoff still waiting at close is dropped: close() writes what waits itself.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return executor;
  }

  @Override
  public void record(CallRecord snapshot) {
    if (snapshot == null) {
      // A caller's bug; throwing into a SIP thread would only make it worse.
      log.error("a null call record was recorded", new IllegalArgumentException("snapshot"));
      return;
    }
    recorded.increment();
    if (closed) {
      afterClose.increment();
      return;
    }
    boolean holding = !settings.holdOpen().isZero();
    CallRecord waiting = pending.replace(snapshot.id(), snapshot);
    if (waiting != null) {
      if (holding && snapshot.status().isFinal() && !waiting.status().isFinal()) {
        order.add(snapshot.id()); // it ended while held back: no reason to wait any longer
      }
      return;
    }
    if (size.incrementAndGet() > settings.capacity()) {
      size.decrementAndGet();
      overflowed.increment();
      return;
    }
    if (pending.put(snapshot.id(), snapshot) == null) {
      if (holding && !snapshot.status().isFinal()) {
        held.add(new Held(snapshot.id(), nanoTime.getAsLong()));
      } else {
        order.add(snapshot.id());
      }
    } else {
      size.decrementAndGet(); // another thread queued this call meanwhile
    }
    schedule();
  }

  /**
   * Writes every waiting record on the calling thread (blocking: never from a SIP thread).
   *
   * @return true when all were written; false when the store failed: the rest waits for the
   *     writer, which every recorded snapshot has scheduled
   */
  public boolean flush() {
    return writePending(true);
  }

  /** What the log did so far. */
  public Stats stats() {
    return new Stats(recorded.sum(), written.sum(), size.get(), overflowed.sum(), refused.sum(),
        failedBatches.sum(), afterClose.sum());
  }

  /**
   * Stops taking snapshots (later ones are counted in {@link Stats#afterClose}) and writes what
   * waits, trying a failing store {@link Settings#closeAttempts} times; what is still not
   * written then is lost, and logged as such. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    executor.shutdown();
    boolean clean = false;
    for (int attempt = 1; attempt <= settings.closeAttempts() && !clean; attempt++) {
      clean = writePending(true);
    }
    if (!clean) {
      log.error("lost {} call records at shutdown: the store failed {} times",
          size.get(), settings.closeAttempts());
    }
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writing.lock();
    try {
      reportOverflow(true);
    } finally {
      writing.unlock();
    }
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      scheduleDrain(settings.gather().toNanos());
    }
  }

  private void scheduleDrain(long delayNanos) {
    try {
      if (delayNanos <= 0) {
        executor.execute(this::drain);
      } else {
        executor.schedule(this::drain, delayNanos, TimeUnit.NANOSECONDS);
      }
    } catch (RejectedExecutionException e) {
      scheduled.set(false); // closing: close() writes what waits
    }
  }

  /** The writer's task: writes until the queue is empty, or backs off after a failure. */
  private void drain() {
    boolean clean;
    try {
      clean = writePending(false);
    } catch (RuntimeException e) {
      log.error("the call record writer failed", e);
      clean = false;
    }
    if (!clean && !closed) {
      retryLater();
      return;
    }
    retryDelay = settings.firstRetry();
    Held oldest = held.peek();
    if (order.isEmpty() && oldest != null && !closed) {
      // only calls held back wait: come back when the oldest is due, or after a gather window
      // for the calls that end meanwhile, which schedule nothing while this drain is pending
      long due = oldest.sinceNanos() + settings.holdOpen().toNanos() - nanoTime.getAsLong();
      scheduleDrain(Math.min(due, settings.gather().toNanos()));
      return;
    }
    scheduled.set(false);
    // A snapshot queued after the last batch was taken but before the flag was cleared saw the
    // flag still set and scheduled nothing: this writer takes it.
    if (!pending.isEmpty() && !closed) {
      schedule();
    }
  }

  private void retryLater() {
    try {
      executor.schedule(this::drain, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
      Duration doubled = retryDelay.multipliedBy(2);
      retryDelay = doubled.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : doubled;
    } catch (RejectedExecutionException e) {
      scheduled.set(false);
    }
  }

  /**
   * Writes batches until none waits (true) or the store fails (false); calls held back only once
   * due, or {@code all} of them.
   */
  private boolean writePending(boolean all) {
    writing.lock();
    try {
      List<CallRecord> batch;
      while (!(batch = takeBatch(all)).isEmpty()) {
        boolean saved = write(batch);
        reportOverflow(false);
        if (!saved) {
          return false;
        }
      }
      return true;
    } finally {
      writing.unlock();
    }
  }

  private List<CallRecord> takeBatch(boolean all) {
    List<CallRecord> batch = new ArrayList<>(Math.min(settings.maxBatch(), size.get() + 1));
    String id;
    while (batch.size() < settings.maxBatch() && (id = order.poll()) != null) {
      take(id, batch);
    }
    long dueSince = nanoTime.getAsLong() - settings.holdOpen().toNanos();
    Held oldest;
    while (batch.size() < settings.maxBatch() && (oldest = held.peek()) != null
        && (all || oldest.sinceNanos() - dueSince <= 0)) {
      held.poll();
      take(oldest.id(), batch);
    }
    return batch;
  }

  /** Adds the call's waiting snapshot to {@code batch}; none when it was taken already. */
  private void take(String id, List<CallRecord> batch) {
    CallRecord latest = pending.remove(id);
    if (latest != null) {
      size.decrementAndGet();
      batch.add(latest);
    }
  }

  /** Saves {@code batch}; false (and the batch queued again) when the store failed. */
  private boolean write(List<CallRecord> batch) {
    try {
      store.saveAll(batch, savedInProgress::contains);
      written.add(batch.size());
      for (CallRecord record : batch) {
        if (record.status().isFinal()) {
          savedInProgress.remove(record.id());
        } else {
          savedInProgress.add(record.id());
        }
      }
      return true;
    } catch (CallRecordsRefused e) {
      return isolate(batch, e);
    } catch (RuntimeException e) {
      failedBatches.increment();
      requeue(batch);
      log.warn("saving {} call records failed; {} calls wait, to be tried again {}: {}",
          batch.size(), size.get(),
          closed ? "at once (closing)" : "in " + retryDelay.toMillis() + " ms", e.getMessage());
      return false;
    }
  }

  /** Halves a refused batch until the refused records are alone, and drops those. */
  private boolean isolate(List<CallRecord> batch, CallRecordsRefused e) {
    if (batch.size() == 1) {
      CallRecord record = batch.get(0);
      refused.increment();
      savedInProgress.remove(record.id());
      log.error("dropped call record {} of session {}: the store refuses it: {}", record.id(),
          record.session(), e.getMessage());
      return true;
    }
    int half = batch.size() / 2;
    List<CallRecord> first = batch.subList(0, half);
    List<CallRecord> second = batch.subList(half, batch.size());
    if (!write(first)) {
      requeue(second);
      return false;
    }
    return write(second);
  }

  /** Queues records again unless a newer snapshot of their call waits already. */
  private void requeue(List<CallRecord> records) {
    for (CallRecord record : records) {
      if (pending.putIfAbsent(record.id(), record) == null) {
        size.incrementAndGet();
        order.add(record.id());
      }
    }
  }

  /** Logs snapshots dropped for a full queue since the last report, at most every 10 s. */
  private void reportOverflow(boolean now) {
    long dropped = overflowed.sum();
    long nanos = System.nanoTime();
    if (dropped > overflowReported
        && (now || nanos - overflowReportedAt >= OVERFLOW_REPORT_NANOS)) {
      log.warn("dropped {} call snapshots: {} calls were waiting to be written, the limit;"
          + " their calls keep the last state written", dropped - overflowReported,
          settings.capacity());
      overflowReported = dropped;
      overflowReportedAt = nanos;
    }
  }
}
