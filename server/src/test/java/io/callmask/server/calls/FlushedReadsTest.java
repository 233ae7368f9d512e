package io.callmask.server.calls;

import static io.callmask.server.calls.TestCalls.answered;
import static io.callmask.server.calls.TestCalls.ringing;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlushedReadsTest {

  private final RecordingStore store = new RecordingStore();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final QueuedCallLog log = new QueuedCallLog(store, new QueuedCallLog.Settings(
      100, 500, Duration.ofMillis(100), Duration.ofMillis(400), 3, Duration.ofSeconds(1),
      Duration.ofSeconds(5)), scheduler, scheduler::nanoTime);
  private final FlushedReads reads = new FlushedReads(log, store, since -> null);

  @Test
  void aReadSeesACallStillGatheringInTheLog() {
    CallRecord call = answered(ringing("c1", "s1", 0), 2);
    log.record(call);
    assertThat(store.find("c1")).as("held back while in progress").isEmpty();

    assertThat(reads.find("c1")).contains(call);
    assertThat(log.stats().pending()).isZero();
  }
}
