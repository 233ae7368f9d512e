package io.callmask.server.events;

import io.callmask.server.calls.CallLog;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.view.CallView;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the marketplace about every call that ended (CONTRACT §7 {@code call.completed}, whatever
 * its status: completed, busy, failed...), with the call as the API shows it. As a {@link CallLog}
 * it passes every snapshot on to the next log at once, and records the event for a call's final
 * snapshot on {@code executor} (the outbox is in the store). A call's final snapshot gives one
 * event even if it is recorded again. Thread-safe.
 */
public final class CallCompletedEvents implements CallLog {

  private static final Logger log = LoggerFactory.getLogger(CallCompletedEvents.class);
  /** Calls remembered as already reported; far more than can end within one snapshot's delay. */
  private static final int REMEMBERED = 10_000;

  private final CallLog next;
  private final EventRecorder events;
  private final Executor executor;
  private final Set<String> reported = Collections.newSetFromMap(Collections.synchronizedMap(
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      }));

  public CallCompletedEvents(CallLog next, EventRecorder events, Executor executor) {
    this.next = Objects.requireNonNull(next, "next");
    this.events = Objects.requireNonNull(events, "events");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public void record(CallRecord snapshot) {
    next.record(snapshot);
    if (!snapshot.status().isFinal() || !reported.add(snapshot.id())) {
      return;
    }
    try {
      executor.execute(() -> report(snapshot));
    } catch (RejectedExecutionException e) {
      log.warn("event recording is stopped; call.completed for {} is not sent", snapshot.id());
    }
  }

  private void report(CallRecord call) {
    try {
      events.record(EventType.CALL_COMPLETED, Optional.of(call.session()),
          new CallData(CallView.of(call)));
    } catch (RuntimeException e) {
      log.error("could not record call.completed for call {}; the marketplace will not hear of"
          + " it", call.id(), e);
    }
  }

  /** {@code data} of call.completed. */
  record CallData(CallView call) {}
}
