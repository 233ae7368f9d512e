package io.callmask.server.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event about to enter the outbox; the outbox gives it its sequence number. Immutable.
 *
 * @param id unique, opaque; the marketplace removes duplicates by it
 * @param sessionId the session it is about, empty for pool events
 * @param type what happened
 * @param createdAt when
 * @param data the {@code data} object, as JSON text
 */
public record NewEvent(
    String id, Optional<String> sessionId, EventType type, Instant createdAt, String data) {

  /** The ordering stream of pool events, which concern no session. */
  public static final String POOL_STREAM = "pool";

  public NewEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(data, "data");
  }

  /**
   * The stream whose sequence numbers this event takes and in whose order it is delivered: its
   * session's, or the pool's.
   */
  public String stream() {
    return sessionId.map(NewEvent::sessionStream).orElse(POOL_STREAM);
  }

  /** The ordering stream of the events about session {@code sessionId}. */
  public static String sessionStream(String sessionId) {
    return "session:" + sessionId;
  }
}
