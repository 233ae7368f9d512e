package io.callmask.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callmask.server.calls.CallAttempt;
import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Side;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** call.completed: one per ended call, carrying the call as the API shows it. */
class CallCompletedEventsTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private final List<NewEvent> recorded = new ArrayList<>();
  private final List<List<NewEvent>> batches = new ArrayList<>();
  private final List<CallRecord> persisted = new ArrayList<>();
  private final EventRecorder recorder;
  private final CallCompletedEvents events;

  CallCompletedEventsTest() {
    EventOutbox outbox = mock(EventOutbox.class);
    when(outbox.appendAll(any())).thenAnswer(invocation -> {
      List<NewEvent> batch = invocation.getArgument(0);
      batches.add(batch);
      recorded.addAll(batch);
      return batch.stream().map(e -> (OutboxEvent) null).toList();
    });
    recorder = new EventRecorder(outbox, Clock.fixed(NOW, ZoneOffset.UTC), () -> {});
    events = new CallCompletedEvents(persisted::add, recorder, Runnable::run);
  }

  @Test
  void anEndedCallIsReportedOnceWithItsAttemptsAndNoRealNumber() throws Exception {
    CallRecord ringing = call(CallStatus.RINGING, Optional.empty());
    CallRecord ended = call(CallStatus.COMPLETED, Optional.of(NOW.plusSeconds(42)));

    events.record(ringing);
    events.record(ended);
    events.record(ended);

    assertThat(persisted).containsExactly(ringing, ended, ended);
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).type()).isEqualTo(EventType.CALL_COMPLETED);
    assertThat(recorded.get(0).sessionId()).contains("s-1");
    JsonNode call = new ObjectMapper().readTree(recorded.get(0).data()).get("call");
    assertThat(call.get("id").asText()).isEqualTo("c-1");
    assertThat(call.get("status").asText()).isEqualTo("completed");
    assertThat(call.get("duration_s").asLong()).isEqualTo(42);
    assertThat(call.get("attempts").get(0).get("presented").asText()).isEqualTo("+918040000101");
    assertThat(recorded.get(0).data()).doesNotContain("919845011111");
  }

  @Test
  void callsThatEndWhileTheWriterIsBusyAreRecordedInOneBatchInOrder() {
    List<Runnable> queued = new ArrayList<>();
    CallCompletedEvents busy = new CallCompletedEvents(persisted::add, recorder, queued::add);
    for (int i = 1; i <= 3; i++) {
      busy.record(call("c-" + i, CallStatus.COMPLETED, Optional.of(NOW.plusSeconds(i))));
    }

    assertThat(queued).as("one drain for all three").hasSize(1);
    queued.get(0).run();

    assertThat(batches).hasSize(1);
    assertThat(batches.get(0)).extracting(CallCompletedEventsTest::callId)
        .containsExactly("c-1", "c-2", "c-3");
  }

  @Test
  void callsEndingWithinTheGatherWindowShareOneTransactionAndLaterOnesGatherAgain() {
    List<Runnable> scheduled = new ArrayList<>();
    ScheduledExecutorService executor = mock(ScheduledExecutorService.class);
    when(executor.schedule(any(Runnable.class), anyLong(), any())).thenAnswer(invocation -> {
      assertThat(invocation.getArgument(1, Long.class)).isEqualTo(100_000_000L);
      assertThat(invocation.getArgument(2, TimeUnit.class)).isEqualTo(TimeUnit.NANOSECONDS);
      scheduled.add(invocation.getArgument(0));
      return null;
    });
    CallCompletedEvents gathering = new CallCompletedEvents(persisted::add, recorder, executor,
        Duration.ofMillis(100));
    gathering.record(call("c-1", CallStatus.COMPLETED, Optional.of(NOW.plusSeconds(1))));
    gathering.record(call("c-2", CallStatus.BUSY, Optional.of(NOW.plusSeconds(1))));
    assertThat(batches).as("nothing before the window ends").isEmpty();

    scheduled.remove(0).run();
    gathering.record(call("c-3", CallStatus.COMPLETED, Optional.of(NOW.plusSeconds(2))));

    assertThat(batches).hasSize(1);
    assertThat(batches.get(0)).extracting(CallCompletedEventsTest::callId)
        .containsExactly("c-1", "c-2");
    assertThat(scheduled).as("c-3 opens a window of its own").hasSize(1);
    scheduled.remove(0).run();
    assertThat(batches).hasSize(2);
    assertThat(batches.get(1)).extracting(CallCompletedEventsTest::callId).containsExactly("c-3");
  }

  @Test
  void aFullBatchIsFollowedAtOnceByTheRest() {
    List<Runnable> queued = new ArrayList<>();
    CallCompletedEvents busy = new CallCompletedEvents(persisted::add, recorder, queued::add);
    for (int i = 1; i <= CallCompletedEvents.BATCH + 1; i++) {
      busy.record(call("c-" + i, CallStatus.COMPLETED, Optional.of(NOW.plusSeconds(i))));
    }

    queued.remove(0).run();

    assertThat(batches).extracting(List::size).containsExactly(CallCompletedEvents.BATCH, 1);
    assertThat(queued).isEmpty();
  }

  private static String callId(NewEvent event) {
    try {
      return new ObjectMapper().readTree(event.data()).get("call").get("id").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static CallRecord call(CallStatus status, Optional<Instant> endedAt) {
    return call("c-1", status, endedAt);
  }

  private static CallRecord call(String id, CallStatus status, Optional<Instant> endedAt) {
    return new CallRecord(id, "s-1", CallKind.FORWARDED, Side.CUSTOMER, status,
        List.of(new CallAttempt("t1", PhoneNumber.of("+918040000101"), OptionalInt.of(200))),
        NOW, Optional.of(NOW), endedAt, Optional.empty());
  }
}
