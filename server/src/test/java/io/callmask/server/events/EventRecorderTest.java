package io.callmask.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.NumberChange;
import io.callmask.server.masking.NumberRole;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.Side;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class EventRecorderTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456Z");
  private static final MaskingSession SESSION = new MaskingSession("s-1", Optional.of("order-9"),
      "KA", MaskingSession.Status.ACTIVE,
      new SessionSide(PhoneNumber.of("+919800000001"), PhoneNumber.of("+918040000001"),
          PhoneNumber.of("+918040000002"), false),
      new SessionSide(PhoneNumber.of("+919800000002"), PhoneNumber.of("+918040000003"),
          PhoneNumber.of("+918040000004"), false),
      Instant.parse("2026-03-01T10:00:00Z"), Optional.empty(), Optional.empty());

  private final List<NewEvent> appended = new ArrayList<>();
  private final AtomicInteger wakes = new AtomicInteger();
  private final ObjectMapper json = new ObjectMapper();

  private EventRecorder recorder(EventOutbox outbox) {
    return new EventRecorder(outbox, Clock.fixed(NOW, ZoneOffset.UTC), wakes::incrementAndGet);
  }

  private EventOutbox recordingOutbox() {
    EventOutbox outbox = Mockito.mock(EventOutbox.class);
    Mockito.when(outbox.append(Mockito.any())).thenAnswer(call -> {
      NewEvent event = call.getArgument(0);
      appended.add(event);
      return new OutboxEvent(event.id(), event.sessionId(), appended.size(), event.type(),
          event.createdAt(), event.data(), DeliveryState.PENDING, 0, event.createdAt(),
          Optional.empty(), Optional.empty());
    });
    return outbox;
  }

  @Test
  void aCreatedSessionsEventCarriesTheSessionAsTheApiShowsIt() throws Exception {
    recorder(recordingOutbox()).created(SESSION);

    NewEvent event = appended.get(0);
    assertThat(event.type()).isEqualTo(EventType.SESSION_CREATED);
    assertThat(event.sessionId()).contains("s-1");
    assertThat(event.stream()).isEqualTo("session:s-1");
    assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123Z"));
    JsonNode session = json.readTree(event.data()).get("session");
    assertThat(session.get("id").asText()).isEqualTo("s-1");
    assertThat(session.get("ref").asText()).isEqualTo("order-9");
    assertThat(session.get("customer").get("backup_proxy").asText()).isEqualTo("+918040000002");
    assertThat(session.get("closed_at").isNull()).isTrue();
    assertThat(wakes).hasValue(1);
  }

  @Test
  void numbersChangedNamesSideRoleAndBothNumbers() throws Exception {
    recorder(recordingOutbox()).numbersChanged(SESSION, List.of(new NumberChange("s-1",
        Side.PARTNER, NumberRole.BACKUP, PhoneNumber.of("+918040000009"),
        PhoneNumber.of("+918040000004"))));

    JsonNode data = json.readTree(appended.get(0).data());
    assertThat(appended.get(0).type()).isEqualTo(EventType.SESSION_NUMBERS_CHANGED);
    assertThat(data.get("changes")).hasSize(1);
    assertThat(json.writeValueAsString(data.get("changes").get(0))).isEqualTo(
        "{\"side\":\"partner\",\"role\":\"backup_proxy\",\"old_number\":\"+918040000009\","
            + "\"new_number\":\"+918040000004\"}");
    assertThat(data.get("session").get("partner").get("backup_proxy").asText())
        .isEqualTo("+918040000004");
  }

  @Test
  void poolEventsTakeThePoolStream() {
    record PoolData(String region, String pool, int free) {}
    OutboxEvent event = recorder(recordingOutbox())
        .record(EventType.POOL_LOW, Optional.empty(), new PoolData("KA", "customer", 3));

    assertThat(appended.get(0).stream()).isEqualTo(NewEvent.POOL_STREAM);
    assertThat(event.data()).isEqualTo("{\"region\":\"KA\",\"pool\":\"customer\",\"free\":3}");
  }

  @Test
  void aStoreFailureNeverReachesTheMaskingServiceButDoesReachADirectCaller() {
    EventOutbox broken = Mockito.mock(EventOutbox.class);
    Mockito.when(broken.append(Mockito.any())).thenThrow(new IllegalStateException("store down"));
    EventRecorder recorder = recorder(broken);

    recorder.closed(SESSION);

    assertThat(wakes).hasValue(0);
    assertThatThrownBy(() -> recorder.record(EventType.CALL_COMPLETED, Optional.of("s-1"), "x"))
        .hasMessage("store down");
  }
}
