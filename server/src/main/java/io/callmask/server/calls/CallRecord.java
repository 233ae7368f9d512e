package io.callmask.server.calls;

import io.callmask.server.masking.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one call (CONTRACT §5). Call control writes a new snapshot at every change; the
 * latest one is the record. Immutable.
 *
 * @param id unique, random, carries no phone number nor SIP identifier
 * @param session the masking session's id
 * @param from the side that dialed (forwarded) or was called first (click-to-call)
 * @param attempts tries at reaching the callee, in order (primary, then backup)
 * @param failure for a failed call, which leg it failed on
 */
public record CallRecord(
    String id,
    String session,
    CallKind kind,
    Side from,
    CallStatus status,
    List<CallAttempt> attempts,
    Instant startedAt,
    Optional<Instant> answeredAt,
    Optional<Instant> endedAt,
    Optional<FailureSide> failure) {

  public CallRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(status, "status");
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(answeredAt, "answeredAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(failure, "failure");
  }

  /** Seconds between answer and end, for an answered call that ended. */
  public Optional<Long> durationSeconds() {
    if (answeredAt.isEmpty() || endedAt.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(answeredAt.get(), endedAt.get()).toSeconds());
  }
}
