package io.callmask.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.server.events.DeliveryState;
import io.callmask.server.events.EventType;
import io.callmask.server.events.NewEvent;
import io.callmask.server.events.OutboxEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdbcEventOutboxTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final Database database = TestDatabase.open();
  private final JdbcEventOutbox outbox = new JdbcEventOutbox(database);

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void numbersEachSessionsEventsFromOneWithoutGapsUnderConcurrentWriters() throws Exception {
    List<String> sessions = List.of("s1", "s2", "s3");
    ExecutorService writers = Executors.newFixedThreadPool(6);
    List<Future<OutboxEvent>> appends = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String session = sessions.get(i % sessions.size());
      appends.add(writers.submit(() -> outbox.append(event(Optional.of(session)))));
    }
    for (int i = 0; i < 20; i++) {
      appends.add(writers.submit(() -> outbox.append(event(Optional.empty()))));
    }
    for (Future<OutboxEvent> append : appends) {
      append.get();
    }
    writers.shutdown();

    for (String session : sessions) {
      List<Long> sequences = outbox.events(Optional.empty(), Optional.of(session), 1000).stream()
          .map(OutboxEvent::sequence).sorted().toList();
      assertThat(sequences).as(session)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
    }
    List<Long> pool = outbox.events(Optional.empty(), Optional.empty(), 1000).stream()
        .filter(e -> e.sessionId().isEmpty()).map(OutboxEvent::sequence).sorted().toList();
    assertThat(pool).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
  }

  @Test
  void appendAllNumbersABatchInItsOrderAfterWhatIsStored() {
    outbox.append(event(Optional.of("s1")));

    List<OutboxEvent> batch = outbox.appendAll(List.of(event(Optional.of("s1")),
        event(Optional.of("s2")), event(Optional.of("s1"))));

    assertThat(batch).extracting(OutboxEvent::sequence).containsExactly(2L, 1L, 3L);
    assertThat(outbox.event(batch.get(2).id()).orElseThrow().sequence()).isEqualTo(3L);
  }

  @Test
  void appendAllGivesANewStreamsEventsConsecutiveNumbersAndLaterAppendsFollowThem() {
    List<OutboxEvent> batch = outbox.appendAll(List.of(event(Optional.of("s9")),
        event(Optional.empty()), event(Optional.of("s9")), event(Optional.of("s9"))));

    assertThat(batch).extracting(OutboxEvent::sequence).containsExactly(1L, 1L, 2L, 3L);
    assertThat(outbox.append(event(Optional.of("s9"))).sequence()).isEqualTo(4L);
    assertThat(outbox.append(event(Optional.empty())).sequence()).isEqualTo(2L);
  }

  @Test
  void concurrentBatchesOverSharedStreamsNumberEachStreamWithoutGaps()
      throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<List<OutboxEvent>>> appends = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      // batches name the streams in opposite orders: the outbox locks their counters sorted
      List<String> order = i % 2 == 0 ? List.of("s1", "s2", "s3") : List.of("s3", "s2", "s1");
      List<NewEvent> batch = new ArrayList<>();
      for (String session : order) {
        batch.add(event(Optional.of(session)));
        batch.add(event(Optional.of(session)));
      }
      appends.add(writers.submit(() -> outbox.appendAll(batch)));
    }
    for (Future<List<OutboxEvent>> append : appends) {
      List<OutboxEvent> stored = append.get();
      for (int i = 0; i < stored.size(); i += 2) {
        assertThat(stored.get(i + 1).sequence()).as("a stream's events of one batch")
            .isEqualTo(stored.get(i).sequence() + 1);
      }
    }
    writers.shutdown();

    for (String session : List.of("s1", "s2", "s3")) {
      List<Long> sequences = outbox.events(Optional.empty(), Optional.of(session), 1000).stream()
          .map(OutboxEvent::sequence).sorted().toList();
      assertThat(sequences).as(session)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 240).boxed().toList());
    }
  }

  @Test
  void listsOnlyTheSessionsEventsNewestFirstAndByState() {
    OutboxEvent first = outbox.append(event(Optional.of("s1")));
    outbox.append(event(Optional.of("s2")));
    outbox.append(event(Optional.empty()));
    OutboxEvent second = outbox.append(new NewEvent(UUID.randomUUID().toString(),
        Optional.of("s1"), EventType.SESSION_CLOSED, T0.plusSeconds(1), "{}"));
    outbox.delivered(first.id(), T0.plusSeconds(2));

    assertThat(ids(outbox.events(Optional.empty(), Optional.of("s1"), 10)))
        .containsExactly(second.id(), first.id());
    assertThat(ids(outbox.events(Optional.of(DeliveryState.DELIVERED), Optional.of("s1"), 10)))
        .containsExactly(first.id());
    assertThat(outbox.events(Optional.empty(), Optional.of("s1"), 10))
        .allSatisfy(e -> assertThat(e.sessionId()).contains("s1"));
  }

  @Test
  void appendAllStoresNothingWhenOneEventIsRefused() {
    NewEvent first = event(Optional.of("s1"));
    NewEvent sameId = new NewEvent(first.id(), Optional.of("s1"), first.type(),
        first.createdAt(), first.data());

    assertThatThrownBy(() -> outbox.appendAll(List.of(first, sameId)))
        .isInstanceOf(RuntimeException.class);

    assertThat(outbox.events(Optional.empty(), Optional.of("s1"), 10)).isEmpty();
    assertThat(outbox.append(event(Optional.of("s1"))).sequence()).as("no number used").isEqualTo(1L);
  }

  @Test
  void deletesOnlyDeliveredEventsCreatedBeforeTheCutoffAndNeverReusesTheirNumbers() {
    OutboxEvent delivered = outbox.append(event(Optional.of("s1")));
    OutboxEvent pending = outbox.append(event(Optional.of("s1")));
    OutboxEvent dead = outbox.append(event(Optional.of("s2")));
    outbox.delivered(delivered.id(), T0);
    outbox.failed(dead.id(), 3, true, T0, "gone");

    assertThat(outbox.deleteDeliveredBefore(T0.plusSeconds(1), 100)).isEqualTo(1);

    assertThat(outbox.event(delivered.id())).isEmpty();
    assertThat(outbox.event(pending.id())).isPresent();
    assertThat(outbox.event(dead.id())).isPresent();
    assertThat(outbox.append(event(Optional.of("s1"))).sequence()).isEqualTo(3L);
  }

  @Test
  void offersOnlyTheLowestPendingEventOfASession() {
    OutboxEvent first = outbox.append(event(Optional.of("s1")));
    OutboxEvent second = outbox.append(event(Optional.of("s1")));
    OutboxEvent other = outbox.append(event(Optional.of("s2")));

    assertThat(ids(outbox.dueHeads(T0, 10))).containsExactlyInAnyOrder(first.id(), other.id());

    outbox.delivered(first.id(), T0);
    assertThat(ids(outbox.dueHeads(T0, 10))).containsExactlyInAnyOrder(second.id(), other.id());
  }

  @Test
  void aFailedEventHoldsBackItsSessionUntilDueAndADeadOneNoLonger() {
    OutboxEvent first = outbox.append(event(Optional.of("s1")));
    OutboxEvent second = outbox.append(event(Optional.of("s1")));

    outbox.failed(first.id(), 1, false, T0.plusSeconds(5), "HTTP 500");
    assertThat(outbox.dueHeads(T0.plusSeconds(1), 10)).isEmpty();
    assertThat(ids(outbox.dueHeads(T0.plusSeconds(5), 10))).containsExactly(first.id());

    outbox.failed(first.id(), 2, true, T0.plusSeconds(5), "HTTP 500");
    assertThat(ids(outbox.dueHeads(T0.plusSeconds(5), 10))).containsExactly(second.id());
    OutboxEvent dead = outbox.event(first.id()).orElseThrow();
    assertThat(dead.state()).isEqualTo(DeliveryState.DEAD);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.lastError()).contains("HTTP 500");
  }

  @Test
  void oneClaimWinsAndALapsedClaimMakesTheEventDueAgain() {
    OutboxEvent event = outbox.append(event(Optional.of("s1")));
    Instant lease = T0.plus(Duration.ofSeconds(30));

    assertThat(outbox.claim(event.id(), T0, lease)).isTrue();
    assertThat(outbox.claim(event.id(), T0, lease)).isFalse();
    assertThat(outbox.dueHeads(T0.plusSeconds(29), 10)).isEmpty();
    assertThat(ids(outbox.dueHeads(lease, 10))).containsExactly(event.id());
  }

  @Test
  void retryRequeuesOnlyDeadEvents() {
    OutboxEvent event = outbox.append(event(Optional.of("s1")));

    assertThat(outbox.retry(event.id(), T0)).isFalse();
    outbox.failed(event.id(), 3, true, T0, "HTTP 503");
    assertThat(outbox.retry(event.id(), T0.plusSeconds(60))).isTrue();

    OutboxEvent requeued = outbox.event(event.id()).orElseThrow();
    assertThat(requeued.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(requeued.attempts()).isZero();
    assertThat(requeued.nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(outbox.events(Optional.of(DeliveryState.DEAD), Optional.empty(), 10)).isEmpty();
  }

  @Test
  void keepsTheDataAndBuildsTheContractsWebhookBody() {
    OutboxEvent stored = outbox.append(new NewEvent("e-1", Optional.of("s1"),
        EventType.SESSION_CLOSED, T0, "{\"session\":{\"id\":\"s1\"}}"));

    OutboxEvent read = outbox.event("e-1").orElseThrow();
    assertThat(read).isEqualTo(stored);
    assertThat(new String(read.webhookBody(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"e-1\",\"sequence\":1,\"type\":\"session.closed\","
            + "\"created_at\":\"2026-01-01T00:00:00Z\",\"data\":{\"session\":{\"id\":\"s1\"}}}");
  }

  private static NewEvent event(Optional<String> session) {
    return new NewEvent(UUID.randomUUID().toString(), session, EventType.SESSION_CREATED, T0,
        "{}");
  }

  private static List<String> ids(List<OutboxEvent> events) {
    return events.stream().map(OutboxEvent::id).toList();
  }
}
