package io.callmask.server.calls;

import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Side;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Call record snapshots for tests: the stages a forwarded call goes through, and one that fails
 * over. Times are whole seconds from {@link #T0}, so they survive any store's precision.
 */
public final class TestCalls {

  public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  public static final PhoneNumber PRIMARY = PhoneNumber.of("+918040000001");
  public static final PhoneNumber BACKUP = PhoneNumber.of("+918040000002");

  private TestCalls() {}

  /** Call {@code id} of {@code session}, started {@code second}s after T0, ringing on airtel. */
  public static CallRecord ringing(String id, String session, long second) {
    return new CallRecord(id, session, CallKind.FORWARDED, Side.CUSTOMER, CallStatus.RINGING,
        List.of(new CallAttempt("airtel", PRIMARY, OptionalInt.empty())), T0.plusSeconds(second),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** {@code call} answered {@code after} seconds after it started. */
  public static CallRecord answered(CallRecord call, long after) {
    List<CallAttempt> attempts = call.attempts();
    CallAttempt last = attempts.get(attempts.size() - 1).withStatus(200);
    return with(call, CallStatus.ANSWERED, replaceLast(attempts, last),
        Optional.of(call.startedAt().plusSeconds(after)), Optional.empty(), Optional.empty());
  }

  /** {@code call} (answered) ended {@code talk} seconds after its answer. */
  public static CallRecord completed(CallRecord call, long talk) {
    return with(call, CallStatus.COMPLETED, call.attempts(), call.answeredAt(),
        Optional.of(call.answeredAt().orElseThrow().plusSeconds(talk)), Optional.empty());
  }

  /** {@code call} whose primary got 503 and that now rings through jio, presenting BACKUP. */
  public static CallRecord failedOver(CallRecord call) {
    return with(call, CallStatus.RINGING, List.of(call.attempts().get(0).withStatus(503),
        new CallAttempt("jio", BACKUP, OptionalInt.empty())), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** {@code call} ended as {@code status} (busy, failed...) on the outgoing side. */
  public static CallRecord ended(CallRecord call, CallStatus status, int sipStatus) {
    List<CallAttempt> attempts = call.attempts();
    CallAttempt last = attempts.get(attempts.size() - 1).withStatus(sipStatus);
    return with(call, status, replaceLast(attempts, last), Optional.empty(),
        Optional.of(call.startedAt().plusSeconds(5)), Optional.of(FailureSide.OUTGOING));
  }

  private static List<CallAttempt> replaceLast(List<CallAttempt> attempts, CallAttempt last) {
    List<CallAttempt> copy = new java.util.ArrayList<>(attempts);
    copy.set(copy.size() - 1, last);
    return copy;
  }

  private static CallRecord with(CallRecord c, CallStatus status, List<CallAttempt> attempts,
      Optional<Instant> answered, Optional<Instant> ended, Optional<FailureSide> failure) {
    return new CallRecord(c.id(), c.session(), c.kind(), c.from(), status, attempts,
        c.startedAt(), answered, ended, failure);
  }
}
