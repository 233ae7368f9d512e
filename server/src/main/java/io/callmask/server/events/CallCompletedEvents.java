package io.callmask.server.events;

import io.callmask.server.calls.CallLog;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.view.CallView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the marketplace about every call that ended (CONTRACT §7 {@code call.completed}, whatever
 * its status: completed, busy, failed...), with the call as the API shows it. As a {@link CallLog}
 * it passes every snapshot on to the next log at once, and records the event for a call's final
 * snapshot on {@code executor} (the outbox is in the store). A call's final snapshot gives one
 * event even if it is recorded again.
 *
 * <p>Calls that end while the executor is busy wait in a queue and are recorded together, up to
 * {@link #BATCH} in one transaction: at hundreds of calls a second, one commit per event was a
 * large part of the server's work. With a gather window, the first call that ends starts the
 * window and the calls ending within it join its batch: a running server's calls end a
 * millisecond or so apart, each faster than the store takes one, so without a window almost every
 * event was a transaction of its own (a connection, a counter update, an insert and a commit).
 * The window delays a webhook by at most its length. Thread-safe.
 */
public final class CallCompletedEvents implements CallLog {

  private static final Logger log = LoggerFactory.getLogger(CallCompletedEvents.class);
  /** Calls remembered as already reported; far more than can end within one snapshot's delay. */
  private static final int REMEMBERED = 10_000;
  static final int BATCH = 200;

  private final CallLog next;
  private final EventRecorder events;
  /** Runs a drain, at once or after the gather window; throws when stopped. */
  private final Consumer<Runnable> startDrain;
  private final Set<String> reported = Collections.newSetFromMap(Collections.synchronizedMap(
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      }));
  private final ConcurrentLinkedQueue<CallRecord> ended = new ConcurrentLinkedQueue<>();
  /** True while a drain is queued or running on the executor: at most one at a time. */
  private final AtomicBoolean draining = new AtomicBoolean();

  /** Records each batch on {@code executor} as soon as it is free. */
  public CallCompletedEvents(CallLog next, EventRecorder events, Executor executor) {
    this(next, events, (Consumer<Runnable>) Objects.requireNonNull(executor, "executor")::execute);
  }

  /**
   * Records the calls that end within {@code gather} of the first one waiting as one batch, on
   * {@code executor} (a server passes its {@code call-events} thread).
   */
  public CallCompletedEvents(CallLog next, EventRecorder events,
      ScheduledExecutorService executor, Duration gather) {
    this(next, events, gatheringOn(executor, gather));
  }

  private CallCompletedEvents(CallLog next, EventRecorder events, Consumer<Runnable> startDrain) {
    this.next = Objects.requireNonNull(next, "next");
    this.events = Objects.requireNonNull(events, "events");
    this.startDrain = startDrain;
  }

  private static Consumer<Runnable> gatheringOn(ScheduledExecutorService executor,
      Duration gather) {
    Objects.requireNonNull(executor, "executor");
    if (gather.isNegative()) {
      throw new IllegalArgumentException("gather must be >= 0");
    }
    long nanos = gather.toNanos();
    return task -> executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void record(CallRecord snapshot) {
    next.record(snapshot);
    if (!snapshot.status().isFinal() || !reported.add(snapshot.id())) {
      return;
    }
    ended.add(snapshot);
    startDrain();
  }

  private void startDrain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      startDrain.accept(this::drain);
    } catch (RejectedExecutionException e) {
      draining.set(false);
      log.warn("event recording is stopped; call.completed for {} calls is not sent",
          ended.size());
      ended.clear();
    }
  }

  /**
   * Records what waits; a full batch may leave more, taken at once. Calls that ended while the
   * last batch was written start a new drain, so that with a gather window they gather again
   * rather than become a small transaction of their own.
   */
  private void drain() {
    List<CallRecord> batch;
    do {
      batch = takeBatch();
      if (!batch.isEmpty()) {
        report(batch);
      }
    } while (batch.size() == BATCH);
    draining.set(false);
    // Calls queued after the last poll (before the flag was cleared) started no drain.
    if (!ended.isEmpty()) {
      startDrain();
    }
  }

  private List<CallRecord> takeBatch() {
    List<CallRecord> batch = new ArrayList<>();
    CallRecord call;
    while (batch.size() < BATCH && (call = ended.poll()) != null) {
      batch.add(call);
    }
    return batch;
  }

  private void report(List<CallRecord> calls) {
    List<EventRecorder.Draft> drafts = calls.stream()
        .map(call -> new EventRecorder.Draft(EventType.CALL_COMPLETED, Optional.of(call.session()),
            new CallData(CallView.of(call))))
        .toList();
    try {
      events.recordAll(drafts);
    } catch (RuntimeException e) {
      log.error("could not record call.completed for {} calls (first {}); the marketplace will"
          + " not hear of them", calls.size(), calls.get(0).id(), e);
    }
  }

  /** {@code data} of call.completed. */
  record CallData(CallView call) {}
}
