package io.callmask.server.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callmask.server.view.ViewJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as the outbox holds it, with its delivery state. Immutable.
 *
 * @param sequence its place in its session's (or the pool's) stream: 1, 2, 3... without gaps
 * @param data the {@code data} object, as JSON text
 * @param attempts failed delivery attempts so far
 * @param nextAttemptAt when a pending event may be sent next
 */
public record OutboxEvent(
    String id,
    Optional<String> sessionId,
    long sequence,
    EventType type,
    Instant createdAt,
    String data,
    DeliveryState state,
    int attempts,
    Instant nextAttemptAt,
    Optional<String> lastError,
    Optional<Instant> deliveredAt) {

  public OutboxEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
  }

  /** The webhook body of CONTRACT §7: {@code {"id","sequence","type","created_at","data"}}. */
  public byte[] webhookBody() {
    ObjectMapper mapper = ViewJson.mapper();
    ObjectNode body = mapper.createObjectNode();
    body.put("id", id);
    body.put("sequence", sequence);
    body.put("type", type.wireName());
    body.put("created_at", createdAt.toString());
    try {
      body.set("data", mapper.readTree(data));
      return mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + id + " holds data that is not JSON", e);
    }
  }
}
