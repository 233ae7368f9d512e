package io.callmask.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.events.DeliveryState;
import io.callmask.server.events.EventOutbox;
import io.callmask.server.events.OutboxEvent;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /v1/events}: what the outbox holds and how delivery went, and requeueing a dead event
 * (CONTRACT §7). Thread-safe.
 */
public final class EventRoutes {

  private static final int MAX_LIST = 1_000;

  private final EventOutbox outbox;
  private final Clock clock;
  private final Runnable onRequeued;

  /**
   * @param onRequeued told after a dead event was requeued, e.g. to wake the deliverer
   */
  public EventRoutes(EventOutbox outbox, Clock clock, Runnable onRequeued) {
    this.outbox = outbox;
    this.clock = clock;
    this.onRequeued = onRequeued;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/v1/events", this::list);
    router.add(HttpMethod.GET, "/v1/events/{id}", this::show);
    router.add(HttpMethod.POST, "/v1/events/{id}/retry", this::retry);
  }

  private ApiResponse list(ApiRequest request) {
    Optional<DeliveryState> state;
    try {
      state = request.queryParam("state").map(DeliveryState::fromConfigName);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.badRequest("invalid_query", "state: " + e.getMessage()));
    }
    return ApiResponse.ok(outbox.events(state, request.queryParam("session"), MAX_LIST).stream()
        .map(EventView::of)
        .toList());
  }

  private ApiResponse show(ApiRequest request) {
    String id = request.pathParam("id");
    return outbox.event(id)
        .map(event -> ApiResponse.ok(EventView.of(event)))
        .orElseGet(() -> ApiResponse.error(ApiError.notFound("no event " + id)));
  }

  private ApiResponse retry(ApiRequest request) {
    String id = request.pathParam("id");
    Optional<OutboxEvent> event = outbox.event(id);
    if (event.isEmpty()) {
      return ApiResponse.error(ApiError.notFound("no event " + id));
    }
    if (!outbox.retry(id, clock.instant())) {
      return ApiResponse.error(ApiError.conflict("not_dead", "event " + id + " is "
          + event.get().state().configName() + "; only dead events can be retried"));
    }
    onRequeued.run();
    return ApiResponse.ok(EventView.of(outbox.event(id).orElseThrow()));
  }

  /** An event with its delivery state, as the API shows it. */
  record EventView(String id, String session, long sequence, String type, Instant createdAt,
      String state, int attempts, Instant nextAttemptAt, String lastError, Instant deliveredAt,
      JsonNode data) {
    static EventView of(OutboxEvent e) {
      return new EventView(e.id(), e.sessionId().orElse(null), e.sequence(), e.type().wireName(),
          e.createdAt(), e.state().configName(), e.attempts(), e.nextAttemptAt(),
          e.lastError().orElse(null), e.deliveredAt().orElse(null),
          Json.readTree(e.data().getBytes(StandardCharsets.UTF_8)));
    }
  }
}
