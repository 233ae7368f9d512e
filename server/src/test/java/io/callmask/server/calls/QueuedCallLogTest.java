package io.callmask.server.calls;

import static io.callmask.server.calls.TestCalls.answered;
import static io.callmask.server.calls.TestCalls.completed;
import static io.callmask.server.calls.TestCalls.ringing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QueuedCallLogTest {

  private static final QueuedCallLog.Settings SETTINGS = new QueuedCallLog.Settings(
      100, 500, Duration.ofMillis(100), Duration.ofMillis(400), 3);

  private final RecordingStore store = new RecordingStore();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final QueuedCallLog log =
      new QueuedCallLog(store, SETTINGS, scheduler, scheduler::nanoTime);

  @Test
  void recordOnlyQueuesAndTheWriterSavesOnItsOwnExecutor() {
    log.record(ringing("c1", "s1", 0));
    log.record(ringing("c2", "s1", 1));

    assertThat(store.batches()).isEmpty();
    assertThat(scheduler.queuedDelaysMillis()).as("one drain for both").containsExactly(0L);

    scheduler.runDue();

    assertThat(store.batches()).hasSize(1);
    assertThat(store.saved()).containsOnlyKeys("c1", "c2");
    assertThat(log.stats()).isEqualTo(new QueuedCallLog.Stats(2, 2, 0, 0, 0, 0, 0));
  }

  @Test
  void snapshotsOfOneCallThatWaitTogetherAreWrittenOnceAsTheLatest() {
    CallRecord start = ringing("c1", "s1", 0);
    CallRecord end = completed(answered(start, 3), 60);
    log.record(start);
    log.record(answered(start, 3));
    log.record(end);
    log.record(ringing("c2", "s1", 1));

    scheduler.runDue();

    assertThat(store.batches()).containsExactly(List.of(end, ringing("c2", "s1", 1)));
    assertThat(log.stats().recorded()).isEqualTo(4);
    assertThat(log.stats().written()).isEqualTo(2);
  }

  @Test
  void withAGatherWindowTheWriterWaitsSoACallsStepsBecomeOneRow() {
    QueuedCallLog gathering = new QueuedCallLog(store, new QueuedCallLog.Settings(
        100, 500, Duration.ofMillis(100), Duration.ofMillis(400), 3, Duration.ofMillis(250)),
        scheduler, scheduler::nanoTime);
    CallRecord start = ringing("c1", "s1", 0);
    gathering.record(start);
    gathering.record(answered(start, 3));

    assertThat(scheduler.queuedDelaysMillis()).containsExactly(250L);
    scheduler.runDue();
    assertThat(store.batches()).as("nothing before the window ends").isEmpty();

    scheduler.advance(Duration.ofMillis(250));

    assertThat(store.batches()).containsExactly(List.of(answered(start, 3)));
    assertThat(gathering.stats().written()).isEqualTo(1);
  }

  @Test
  void aCallThatEndsWhileHeldBackIsWrittenOnceAtItsEnd() {
    QueuedCallLog holding = holdingLog();
    CallRecord start = ringing("c1", "s1", 0);
    holding.record(start);
    holding.record(answered(start, 3));
    scheduler.advance(Duration.ofMillis(250));
    scheduler.advance(Duration.ofMillis(250));
    assertThat(store.batches()).as("in progress, held back").isEmpty();

    CallRecord end = completed(answered(start, 3), 60);
    holding.record(end);
    scheduler.advance(Duration.ofMillis(250));

    assertThat(store.batches()).containsExactly(List.of(end));
    assertThat(holding.stats().pending()).isZero();
  }

  @Test
  void aCallStillInProgressAfterTheHoldIsWrittenThenAndAgainAtItsEnd() {
    QueuedCallLog holding = holdingLog();
    CallRecord start = answered(ringing("c1", "s1", 0), 3);
    holding.record(start);
    for (int i = 0; i < 19; i++) {
      scheduler.advance(Duration.ofMillis(250));
    }
    assertThat(store.batches()).as("4.75 s in").isEmpty();

    scheduler.advance(Duration.ofMillis(250));
    assertThat(store.batches()).as("5 s in").containsExactly(List.of(start));

    CallRecord end = completed(start, 60);
    holding.record(end);
    scheduler.advance(Duration.ofMillis(250));
    assertThat(store.batches()).containsExactly(List.of(start), List.of(end));
  }

  @Test
  void theStoreHearsWhichCallsWereSavedBeforeSoThatANewCallIsOnlyInserted() {
    QueuedCallLog holding = holdingLog();
    CallRecord shortCall = completed(answered(ringing("c1", "s1", 0), 2), 3);
    CallRecord longCall = answered(ringing("c2", "s1", 0), 3);
    holding.record(shortCall);
    holding.record(longCall);
    scheduler.advance(Duration.ofSeconds(5));
    holding.record(completed(longCall, 60));
    scheduler.advance(Duration.ofMillis(250));

    assertThat(store.hints()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "c1@completed", false, "c2@answered", false, "c2@completed", true));
  }

  @Test
  void aCallWhoseEndWasSavedCountsAsNewAgainSoTheMemoryStaysSmall() {
    CallRecord start = ringing("c1", "s1", 0);
    log.record(start);
    scheduler.runDue();
    log.record(completed(answered(start, 1), 2));
    scheduler.runDue();
    log.record(ringing("c1", "s1", 0));
    scheduler.runDue();

    assertThat(store.hints()).as("the store replaces a record the hint calls new")
        .containsExactlyInAnyOrderEntriesOf(Map.of("c1@ringing", false, "c1@completed", true));
  }

  @Test
  void aFailedSaveDoesNotCountAsSaved() {
    CallRecord start = ringing("c1", "s1", 0);
    store.failNext(1);
    log.record(start);
    scheduler.runDue();
    log.record(answered(start, 1));
    scheduler.advance(Duration.ofMillis(100));

    assertThat(store.hints()).containsExactlyInAnyOrderEntriesOf(Map.of("c1@answered", false));
  }

  @Test
  void anEndedCallIsNotHeldBackAndFlushWritesHeldCallsToo() {
    QueuedCallLog holding = holdingLog();
    CallRecord open = ringing("c1", "s1", 0);
    CallRecord ended = completed(answered(ringing("c2", "s1", 1), 2), 30);
    holding.record(open);
    holding.record(ended);
    scheduler.advance(Duration.ofMillis(250));
    assertThat(store.batches()).containsExactly(List.of(ended));

    assertThat(holding.flush()).isTrue();

    assertThat(store.batches()).containsExactly(List.of(ended), List.of(open));
  }

  @Test
  void holdingNeedsAGatherWindow() {
    assertThatThrownBy(() -> new QueuedCallLog.Settings(100, 500, Duration.ZERO, Duration.ZERO,
        1, Duration.ZERO, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
  }

  private QueuedCallLog holdingLog() {
    return new QueuedCallLog(store, new QueuedCallLog.Settings(100, 500, Duration.ofMillis(100),
        Duration.ofMillis(400), 3, Duration.ofMillis(250), Duration.ofSeconds(5)), scheduler,
        scheduler::nanoTime);
  }

  @Test
  void aSnapshotRecordedAfterItsCallWasWrittenIsWrittenAgain() {
    CallRecord start = ringing("c1", "s1", 0);
    log.record(start);
    scheduler.runDue();

    log.record(answered(start, 3));
    scheduler.runDue();

    assertThat(store.batches()).containsExactly(List.of(start), List.of(answered(start, 3)));
  }

  @Test
  void batchesAreAtMostMaxBatchInArrivalOrder() {
    QueuedCallLog small = new QueuedCallLog(store,
        new QueuedCallLog.Settings(100, 2, Duration.ZERO, Duration.ZERO, 1), scheduler,
        scheduler::nanoTime);
    for (int i = 0; i < 5; i++) {
      small.record(ringing("c" + i, "s1", i));
    }

    scheduler.runDue();

    assertThat(store.batches()).extracting(batch -> batch.stream().map(CallRecord::id).toList())
        .containsExactly(List.of("c0", "c1"), List.of("c2", "c3"), List.of("c4"));
  }

  @Test
  void aFailedBatchIsKeptAndRetriedWithBackoffWhileNewerSnapshotsWin() {
    CallRecord start = ringing("c1", "s1", 0);
    store.failNext(2);
    log.record(start);
    log.record(ringing("c2", "s1", 1));

    scheduler.runDue();
    assertThat(store.batches()).isEmpty();
    assertThat(log.stats().pending()).isEqualTo(2);
    assertThat(scheduler.queuedDelaysMillis()).containsExactly(100L);

    log.record(answered(start, 2));
    assertThat(scheduler.queuedDelaysMillis()).as("no drain before the backoff").hasSize(1);
    scheduler.advance(Duration.ofMillis(100));
    assertThat(scheduler.queuedDelaysMillis()).as("the backoff doubled").containsExactly(200L);

    scheduler.advance(Duration.ofMillis(200));

    assertThat(store.saved()).isEqualTo(Map.of("c1", answered(start, 2),
        "c2", ringing("c2", "s1", 1)));
    assertThat(log.stats().failedBatches()).isEqualTo(2);
    assertThat(log.stats().pending()).isZero();
    assertThat(scheduler.queuedDelaysMillis()).isEmpty();
  }

  @Test
  void theBackoffStopsGrowingAtMaxRetryAndResetsAfterASave() {
    store.failNext(4);
    log.record(ringing("c1", "s1", 0));
    scheduler.runDue();
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long delay = scheduler.queuedDelaysMillis().get(0);
      delays.add(delay);
      scheduler.advance(Duration.ofMillis(delay));
    }
    assertThat(delays).containsExactly(100L, 200L, 400L);
    assertThat(scheduler.queuedDelaysMillis()).containsExactly(400L);
    scheduler.advance(Duration.ofMillis(400));
    assertThat(store.saved()).containsOnlyKeys("c1");

    store.failNext(1);
    log.record(ringing("c2", "s1", 1));
    scheduler.runDue();

    assertThat(scheduler.queuedDelaysMillis()).containsExactly(100L);
  }

  @Test
  void whenFullANewCallsSnapshotIsDroppedAndCountedButWaitingCallsStillChange() {
    QueuedCallLog full = new QueuedCallLog(store,
        new QueuedCallLog.Settings(2, 500, Duration.ZERO, Duration.ZERO, 1), scheduler,
        scheduler::nanoTime);
    CallRecord first = ringing("c1", "s1", 0);
    full.record(first);
    full.record(ringing("c2", "s1", 1));

    full.record(ringing("c3", "s1", 2));
    full.record(answered(first, 1));

    assertThat(full.stats().overflowed()).isEqualTo(1);
    assertThat(full.stats().pending()).isEqualTo(2);
    scheduler.runDue();
    assertThat(store.saved()).containsOnlyKeys("c1", "c2");
    assertThat(store.saved().get("c1")).isEqualTo(answered(first, 1));

    full.record(ringing("c3", "s1", 2));
    scheduler.runDue();
    assertThat(store.saved()).containsKey("c3");
  }

  @Test
  void recordsTheStoreRefusesAreIsolatedAndDroppedTheRestWritten() {
    store.refuse(Set.of("bad1", "bad2"));
    List<String> ids = List.of("c0", "bad1", "c2", "c3", "c4", "bad2", "c6");
    for (int i = 0; i < ids.size(); i++) {
      log.record(ringing(ids.get(i), "s1", i));
    }

    scheduler.runDue();

    assertThat(store.saved()).containsOnlyKeys("c0", "c2", "c3", "c4", "c6");
    assertThat(log.stats().refused()).isEqualTo(2);
    assertThat(log.stats().failedBatches()).isZero();
    assertThat(scheduler.queuedDelaysMillis()).isEmpty();
  }

  @Test
  void aStoreFailureWhileIsolatingKeepsBothHalvesForTheRetry() {
    store.refuse(Set.of("bad"));
    store.failSave(2); // the first half of the refused batch meets a failing store
    for (String id : List.of("c0", "c1", "bad", "c3")) {
      log.record(ringing(id, "s1", 0));
    }

    scheduler.runDue();
    assertThat(log.stats().pending()).isEqualTo(4);
    assertThat(log.stats().failedBatches()).isEqualTo(1);

    scheduler.advance(Duration.ofMillis(100));

    assertThat(store.saved()).containsOnlyKeys("c0", "c1", "c3");
    assertThat(log.stats().refused()).isEqualTo(1);
    assertThat(log.stats().pending()).isZero();
  }

  @Test
  void closeWritesEverythingWaitingOnTheClosingThread() {
    log.record(ringing("c1", "s1", 0));
    log.record(ringing("c2", "s1", 1));

    log.close();

    assertThat(store.saved()).containsOnlyKeys("c1", "c2");
    assertThat(scheduler.isShutdown()).isTrue();
    log.record(ringing("c3", "s1", 2));
    assertThat(log.stats().afterClose()).isEqualTo(1);
    assertThat(log.stats().pending()).isZero();
    scheduler.runDue();
    assertThat(store.saved()).doesNotContainKey("c3");
  }

  @Test
  void closeTriesAFailingStoreAgainAndWritesWhenItRecovers() {
    log.record(ringing("c1", "s1", 0));
    store.failNext(2);

    log.close();

    assertThat(store.saved()).containsOnlyKeys("c1");
    assertThat(log.stats().failedBatches()).isEqualTo(2);
  }

  @Test
  void closeGivesUpAfterItsAttemptsAndSaysWhatWasLost() {
    log.record(ringing("c1", "s1", 0));
    store.failNext(3);

    log.close();

    assertThat(store.saved()).isEmpty();
    assertThat(log.stats().pending()).isEqualTo(1);
  }

  @Test
  void flushWritesOnTheCallingThreadAndSaysWhetherAllWereWritten() {
    log.record(ringing("c1", "s1", 0));
    store.failNext(1);

    assertThat(log.flush()).isFalse();
    assertThat(log.flush()).isTrue();
    assertThat(store.saved()).containsOnlyKeys("c1");
  }

  @Test
  void concurrentRecordersNeverLoseACallsLatestSnapshot() throws Exception {
    RecordingStore slowStore = new RecordingStore();
    QueuedCallLog real = new QueuedCallLog(slowStore, QueuedCallLog.Settings.DEFAULTS);
    ExecutorService recorders = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      done.add(recorders.submit(() -> {
        for (int i = 0; i < 2_000; i++) {
          CallRecord start = ringing("t" + thread + "-" + i, "s" + thread, i);
          real.record(start);
          real.record(answered(start, 1));
          real.record(completed(answered(start, 1), 30));
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    recorders.shutdown();

    real.close();

    Map<String, CallRecord> saved = slowStore.saved();
    assertThat(saved).hasSize(8_000);
    assertThat(saved.values().stream().map(CallRecord::status).collect(Collectors.toSet()))
        .containsExactly(CallStatus.COMPLETED);
    assertThat(real.stats().pending()).isZero();
  }
}
