package io.callmask.server.store;

import static io.callmask.server.calls.TestCalls.answered;
import static io.callmask.server.calls.TestCalls.completed;
import static io.callmask.server.calls.TestCalls.ended;
import static io.callmask.server.calls.TestCalls.failedOver;
import static io.callmask.server.calls.TestCalls.ringing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.server.calls.CallAttempt;
import io.callmask.server.calls.CallCounts;
import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallRecordsRefused;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.calls.TestCalls;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdbcCallRecordStoreTest {

  private final Database database = TestDatabase.open();
  private final JdbcCallRecordStore store = new JdbcCallRecordStore(database);

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void readsBackWhatItSavedWithTheAttemptsInOrder() {
    CallRecord call = completed(answered(failedOver(ringing("c1", "s1", 0)), 4), 61);

    store.saveAll(List.of(call));

    assertThat(store.find("c1")).contains(call);
    assertThat(call.attempts()).extracting(CallAttempt::trunk).containsExactly("airtel", "jio");
    assertThat(store.find("c1").orElseThrow().durationSeconds()).contains(61L);
  }

  @Test
  void anAttemptStillWaitingForItsAnswerReadsBackWithoutAStatus() {
    CallRecord ringing = failedOver(ringing("c1", "s1", 0));

    store.saveAll(List.of(ringing));

    assertThat(store.find("c1")).contains(ringing);
    assertThat(store.recent(1)).containsExactly(ringing);
    assertThat(ringing.attempts().get(1).sipStatus()).isEmpty();
  }

  @Test
  void aRecordSaidNewIsInsertedAndOneThatExistsAfterAllIsReplaced() {
    CallRecord start = ringing("c1", "s1", 0);
    CallRecord other = ringing("c2", "s1", 1);
    store.saveAll(List.of(start), id -> false);
    CallRecord end = completed(answered(start, 2), 30);

    store.saveAll(List.of(end, other), id -> false);

    assertThat(store.find("c1")).contains(end);
    assertThat(store.find("c2")).contains(other);
    assertThat(store.recent(10)).containsExactly(other, end);
  }

  @Test
  void aRecordSaidSavedBeforeThatIsNotThereIsInserted() {
    CallRecord end = completed(answered(ringing("c1", "s1", 0), 2), 30);

    store.saveAll(List.of(end), id -> true);

    assertThat(store.find("c1")).contains(end);
  }

  @Test
  void aLaterSnapshotReplacesTheRecordAndItsAttempts() {
    CallRecord start = ringing("c1", "s1", 0);
    store.saveAll(List.of(start));
    store.saveAll(List.of(failedOver(start)));
    CallRecord busy = ended(failedOver(start), CallStatus.BUSY, 486);

    store.saveAll(List.of(busy));

    CallRecord read = store.find("c1").orElseThrow();
    assertThat(read).isEqualTo(busy);
    assertThat(read.attempts()).extracting(CallAttempt::sipStatus)
        .containsExactly(OptionalInt.of(503), OptionalInt.of(486));
  }

  @Test
  void aCallWithoutAttemptsAndABatchMixingNewAndKnownCalls() {
    CallRecord known = ringing("c1", "s1", 0);
    store.saveAll(List.of(known));
    CallRecord noAttempts = new CallRecord("c2", "s1", known.kind(), known.from(),
        CallStatus.FAILED, List.of(), known.startedAt(), Optional.empty(),
        Optional.of(known.startedAt()), Optional.of(FailureSide.INCOMING));

    store.saveAll(List.of(answered(known, 2), noAttempts));

    assertThat(store.find("c1")).contains(answered(known, 2));
    assertThat(store.find("c2")).contains(noAttempts);
  }

  @Test
  void oneIdTwiceInABatchKeepsTheLaterRecord() {
    CallRecord start = ringing("c1", "s1", 0);

    store.saveAll(List.of(start, answered(start, 1)));

    assertThat(store.find("c1")).contains(answered(start, 1));
  }

  @Test
  void anUnknownCallIsEmpty() {
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void listsASessionsCallsNewestFirstUpToTheLimit() {
    store.saveAll(List.of(ringing("a", "s1", 10), failedOver(ringing("b", "s1", 30)),
        ringing("c", "s1", 20), ringing("x", "s2", 40)));

    assertThat(ids(store.bySession("s1", 10))).containsExactly("b", "c", "a");
    assertThat(ids(store.bySession("s1", 2))).containsExactly("b", "c");
    assertThat(store.bySession("s1", 10).get(0).attempts()).hasSize(2);
    assertThat(store.bySession("nope", 10)).isEmpty();
  }

  @Test
  void listsRecentCallsOfAllSessionsNewestFirstWithTiesInIdOrder() {
    store.saveAll(List.of(ringing("a", "s1", 10), ringing("b", "s2", 30),
        ringing("c", "s3", 30), ringing("d", "s1", 5)));

    assertThat(ids(store.recent(3))).containsExactly("c", "b", "a");
    assertThat(ids(store.recent(100))).containsExactly("c", "b", "a", "d");
  }

  @Test
  void deletesTheOldestCallsStartedBeforeACutoffAtMostLimitAtATime() {
    store.saveAll(List.of(ringing("old1", "s1", 10), ringing("old2", "s1", 20),
        ringing("old3", "s2", 30), ringing("new", "s1", 40)));
    Instant cutoff = ringing("new", "s1", 40).startedAt();

    assertThat(store.deleteStartedBefore(cutoff, 2)).isEqualTo(2);
    assertThat(ids(store.recent(10))).containsExactly("new", "old3");
    assertThat(store.deleteStartedBefore(cutoff, 2)).isEqualTo(1);
    assertThat(store.deleteStartedBefore(cutoff, 2)).isZero();
    assertThat(ids(store.recent(10))).containsExactly("new");
  }

  @Test
  void aClickToCallWithOneAttemptPerLegIsNotCountedAsAFailover() {
    CallRecord twoLegs = failedOver(ringing("c2c", "s1", 100));
    CallRecord clickToCall = new CallRecord(twoLegs.id(), twoLegs.session(),
        CallKind.CLICK_TO_CALL, twoLegs.from(), twoLegs.status(), twoLegs.attempts(),
        twoLegs.startedAt(), twoLegs.answeredAt(), twoLegs.endedAt(), twoLegs.failure());
    store.saveAll(List.of(clickToCall));

    assertThat(store.since(clickToCall.startedAt()).failovers()).isZero();
  }

  @Test
  void countsCallsByStatusAndFailoversSinceAnInstant() {
    CallRecord old = completed(answered(ringing("old", "s1", 0), 1), 5);
    CallRecord done = completed(answered(ringing("done", "s1", 100), 1), 5);
    CallRecord overAndDone = completed(answered(failedOver(ringing("over", "s1", 110)), 1), 5);
    CallRecord overAndBusy = ended(failedOver(ringing("busy", "s2", 120)), CallStatus.BUSY, 486);
    CallRecord ringingNow = ringing("now", "s2", 130);
    store.saveAll(List.of(old, done, overAndDone, overAndBusy, ringingNow));

    CallCounts counts = store.since(TestCalls.T0.plusSeconds(100));

    assertThat(counts.byStatus()).containsEntry(CallStatus.COMPLETED, 2L)
        .containsEntry(CallStatus.BUSY, 1L).containsEntry(CallStatus.RINGING, 1L)
        .containsEntry(CallStatus.FAILED, 0L);
    assertThat(counts.total()).isEqualTo(4);
    assertThat(counts.failovers()).isEqualTo(2);
    assertThat(store.since(TestCalls.T0).total()).isEqualTo(5);
    assertThat(store.since(TestCalls.T0.plusSeconds(1000)).total()).isZero();
  }

  @Test
  void aValueTheStoreCannotHoldIsRefusedAndNothingOfItsBatchIsWritten() {
    CallRecord fine = ringing("c1", "s1", 0);
    CallRecord start = ringing("c2", "s1", 0);
    CallRecord tooLong = new CallRecord("c2", "s".repeat(37), start.kind(), start.from(),
        start.status(), start.attempts(), start.startedAt(), Optional.empty(), Optional.empty(),
        Optional.empty());

    assertThatThrownBy(() -> store.saveAll(List.of(fine, tooLong)))
        .isInstanceOf(CallRecordsRefused.class);

    assertThat(store.find("c1")).isEmpty();
    assertThat(store.find("c2")).isEmpty();
  }

  @Test
  void aStoreThatCannotBeReachedFailsAsPassingNotAsRefused() {
    database.close();

    assertThatThrownBy(() -> store.saveAll(List.of(ringing("c1", "s1", 0))))
        .isInstanceOf(StoreException.class);
  }

  private static List<String> ids(List<CallRecord> calls) {
    return calls.stream().map(CallRecord::id).toList();
  }
}
