package io.callmask.bench.calls;

import io.callmask.server.calls.CallAttempt;
import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallLog;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The three snapshots a forwarded call's record goes through (ringing, answered, completed), as
 * the call log benchmarks record them: one call in twenty failed over to the backup.
 */
final class CallSnapshots {

  private static final PhoneNumber PRIMARY = PhoneNumber.of("+918040000001");
  private static final PhoneNumber BACKUP = PhoneNumber.of("+918040000002");

  private CallSnapshots() {}

  /** {@code count} calls ringing now, each in a random one of {@code sessions}. */
  static List<CallRecord> ringing(int count, List<String> sessions, Supplier<String> ids) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Instant now = Instant.now();
    List<CallRecord> calls = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      List<CallAttempt> attempts = random.nextInt(20) == 0
          ? List.of(new CallAttempt("airtel", PRIMARY, OptionalInt.of(503)),
              new CallAttempt("jio", BACKUP, OptionalInt.empty()))
          : List.of(new CallAttempt("airtel", PRIMARY, OptionalInt.empty()));
      calls.add(new CallRecord(ids.get(), sessions.get(random.nextInt(sessions.size())),
          CallKind.FORWARDED, Side.CUSTOMER, CallStatus.RINGING, attempts, now,
          Optional.empty(), Optional.empty(), Optional.empty()));
    }
    return calls;
  }

  /** {@code c} answered 4 s after it started, by its last attempt. */
  static CallRecord answered(CallRecord c) {
    List<CallAttempt> attempts = new ArrayList<>(c.attempts());
    attempts.set(attempts.size() - 1, attempts.get(attempts.size() - 1).withStatus(200));
    return new CallRecord(c.id(), c.session(), c.kind(), c.from(), CallStatus.ANSWERED,
        attempts, c.startedAt(), Optional.of(c.startedAt().plusSeconds(4)), Optional.empty(),
        Optional.empty());
  }

  /** Records each of {@code calls} ringing, answered and completed, back to back, in {@code log}. */
  static void recordWhole(List<CallRecord> calls, CallLog log) {
    for (CallRecord start : calls) {
      log.record(start);
      CallRecord answered = answered(start);
      log.record(answered);
      log.record(completed(answered));
    }
  }

  /** {@code c}, answered, completed 90 s later. */
  static CallRecord completed(CallRecord c) {
    return new CallRecord(c.id(), c.session(), c.kind(), c.from(), CallStatus.COMPLETED,
        c.attempts(), c.startedAt(), c.answeredAt(),
        Optional.of(c.answeredAt().orElseThrow().plusSeconds(90)), Optional.empty());
  }
}
