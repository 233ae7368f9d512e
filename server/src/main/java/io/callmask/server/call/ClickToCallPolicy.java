package io.callmask.server.call;

import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallLog;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallRecordStore;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enables click-to-call for a party whose forwarded calls keep failing (CONTRACT §2
 * {@code click-to-call.after-failures}, issue 6 §2): when the latest {@code afterFailures}
 * forwarded calls toward one side of a session failed on the outgoing side, that side's
 * {@code click_to_call} becomes true and the marketplace is told.
 *
 * <p>A call that reached the party (answered) breaks the streak, so after it the count starts
 * again; calls the party declined, did not answer or the caller gave up on say nothing about
 * forwarding and are skipped. Click-to-call, once on, stays on: turning it off silently would
 * withdraw a button the marketplace already shows.
 *
 * <p>The streak is read from the stored call records, not counted in memory, so it survives
 * restarts and holds when several nodes share the calls of one session. The record that ends the
 * streak is taken from hand, as it may not be written yet.
 *
 * <p>As a {@link CallLog} it passes every snapshot on to the next log at once and judges final
 * forwarded failures on {@code executor}, since judging reads and writes the store. Thread-safe.
 */
public final class ClickToCallPolicy implements CallLog {

  private static final Logger log = LoggerFactory.getLogger(ClickToCallPolicy.class);
  /** Enough history to find the streak among calls in the other direction or with no verdict. */
  private static final int HISTORY = 50;

  private final CallLog next;
  private final int afterFailures;
  private final CallRecordStore records;
  private final MaskingService masking;
  private final BiConsumer<MaskingSession, Side> enabled;
  private final Executor executor;

  /**
   * @param next where snapshots are persisted
   * @param afterFailures consecutive failures that enable click-to-call, at least 1
   * @param enabled told when a side's click-to-call was turned on (e.g. to record the event)
   * @param executor runs the judgement; may run it on any thread, must not run it inline on a
   *     SIP thread
   */
  public ClickToCallPolicy(CallLog next, int afterFailures, CallRecordStore records,
      MaskingService masking, BiConsumer<MaskingSession, Side> enabled, Executor executor) {
    if (afterFailures < 1) {
      throw new IllegalArgumentException("afterFailures must be at least 1");
    }
    this.next = Objects.requireNonNull(next, "next");
    this.afterFailures = afterFailures;
    this.records = Objects.requireNonNull(records, "records");
    this.masking = Objects.requireNonNull(masking, "masking");
    this.enabled = Objects.requireNonNull(enabled, "enabled");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public void record(CallRecord snapshot) {
    next.record(snapshot);
    if (snapshot.kind() == CallKind.FORWARDED && isForwardingFailure(snapshot)) {
      try {
        executor.execute(() -> judgeSafely(snapshot));
      } catch (RejectedExecutionException e) {
        log.warn("click-to-call policy is stopped; call {} was not judged", snapshot.id());
      }
    }
  }

  private void judgeSafely(CallRecord failed) {
    try {
      judge(failed);
    } catch (RuntimeException e) {
      log.warn("could not judge failed call {} for click-to-call", failed.id(), e);
    }
  }

  /** Enables click-to-call toward the callee of {@code failed} when the streak is long enough. */
  void judge(CallRecord failed) {
    Side callee = failed.from().other();
    Optional<MaskingSession> session = masking.session(failed.session());
    if (session.isEmpty() || !session.get().isActive()
        || session.get().side(callee).clickToCall()) {
      return;
    }
    if (failureStreak(failed, callee) < afterFailures) {
      return;
    }
    masking.enableClickToCall(failed.session(), callee).ifPresent(changed -> {
      log.info("click-to-call enabled for the {} of session {} after {} failed calls",
          callee.configName(), changed.id(), afterFailures);
      enabled.accept(changed, callee);
    });
  }

  /** Failed forwarded calls toward {@code callee} since the last one that reached it. */
  private int failureStreak(CallRecord latest, Side callee) {
    List<CallRecord> history = new ArrayList<>();
    history.add(latest);
    for (CallRecord call : records.bySession(latest.session(), HISTORY)) {
      if (!call.id().equals(latest.id())) {
        history.add(call);
      }
    }
    int streak = 0;
    for (CallRecord call : history) {
      if (call.kind() != CallKind.FORWARDED || call.from() != callee.other()) {
        continue;
      }
      if (isForwardingFailure(call)) {
        streak++;
      } else if (call.status() == CallStatus.COMPLETED || call.status() == CallStatus.ANSWERED) {
        break;
      }
    }
    return streak;
  }

  /** Failed on our or the callee carrier's side: no trunk got the call to the party. */
  private static boolean isForwardingFailure(CallRecord call) {
    return call.status() == CallStatus.FAILED
        && call.failure().orElse(FailureSide.OUTGOING) == FailureSide.OUTGOING;
  }
}
