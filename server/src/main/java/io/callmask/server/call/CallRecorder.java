package io.callmask.server.call;

import io.callmask.server.calls.CallAttempt;
import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallLog;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.masking.Presentation;
import io.callmask.server.masking.Side;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Keeps one call's record (CONTRACT §5) and writes a snapshot to the {@link CallLog} at each
 * change that matters: start, each attempt's result, answer, end. A click-to-call's attempts at
 * both legs go in one list, in the order they were started. Not thread-safe: confined
 * to its call's serial context.
 */
final class CallRecorder {

  private final String id;
  private final String session;
  private final CallKind kind;
  private final Side from;
  private final Clock clock;
  private final CallLog log;
  private final Instant startedAt;
  private final List<CallAttempt> attempts = new ArrayList<>(2);
  private CallStatus status = CallStatus.RINGING;
  private Instant answeredAt;
  private Instant endedAt;
  private FailureSide failure;

  CallRecorder(String id, String session, CallKind kind, Side from, Clock clock, CallLog log) {
    this.id = id;
    this.session = session;
    this.kind = kind;
    this.from = from;
    this.clock = clock;
    this.log = log;
    this.startedAt = clock.instant();
  }

  /** A new attempt; the first one also marks the start of the call. Returns its index. */
  int attemptStarted(Presentation presentation) {
    attempts.add(new CallAttempt(presentation.trunk(), presentation.number(),
        OptionalInt.empty()));
    if (attempts.size() == 1) {
      write();
    }
    return attempts.size() - 1;
  }

  /** Attempt {@code index} ended with {@code sipStatus} (empty: timeout, error, given up). */
  void attemptEnded(int index, OptionalInt sipStatus) {
    CallAttempt attempt = attempts.get(index);
    attempts.set(index, new CallAttempt(attempt.trunk(), attempt.presented(), sipStatus));
    write();
  }

  void answered() {
    status = CallStatus.ANSWERED;
    answeredAt = clock.instant();
    write();
  }

  CallKind kind() {
    return kind;
  }

  boolean isAnswered() {
    return answeredAt != null;
  }

  void ended(CallStatus finalStatus, Optional<FailureSide> failedOn) {
    status = finalStatus;
    endedAt = clock.instant();
    failure = failedOn.orElse(null);
    write();
  }

  CallRecord snapshot() {
    return new CallRecord(id, session, kind, from, status, attempts, startedAt,
        Optional.ofNullable(answeredAt), Optional.ofNullable(endedAt), Optional.ofNullable(failure));
  }

  private void write() {
    log.record(snapshot());
  }
}
