package io.callmask.bench.calls;

import io.callmask.server.events.DeliveryState;
import io.callmask.server.events.EventOutbox;
import io.callmask.server.events.NewEvent;
import io.callmask.server.events.OutboxEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * An outbox that releases one permit of {@code stored} for every event its delegate appended, so
 * that a benchmark can wait until the events it caused are in the store. Thread-safe if the
 * delegate is.
 */
final class CountingOutbox implements EventOutbox {

  private final EventOutbox delegate;
  private final Semaphore stored;

  CountingOutbox(EventOutbox delegate, Semaphore stored) {
    this.delegate = delegate;
    this.stored = stored;
  }

  @Override
  public OutboxEvent append(NewEvent event) {
    OutboxEvent appended = delegate.append(event);
    stored.release();
    return appended;
  }

  @Override
  public List<OutboxEvent> appendAll(List<NewEvent> events) {
    List<OutboxEvent> appended = delegate.appendAll(events);
    stored.release(appended.size());
    return appended;
  }

  @Override
  public Optional<OutboxEvent> event(String id) {
    return delegate.event(id);
  }

  @Override
  public List<OutboxEvent> events(
      Optional<DeliveryState> state, Optional<String> sessionId, int limit) {
    return delegate.events(state, sessionId, limit);
  }

  @Override
  public List<OutboxEvent> dueHeads(Instant now, int limit) {
    return delegate.dueHeads(now, limit);
  }

  @Override
  public boolean claim(String id, Instant now, Instant until) {
    return delegate.claim(id, now, until);
  }

  @Override
  public void delivered(String id, Instant at) {
    delegate.delivered(id, at);
  }

  @Override
  public void failed(String id, int attempts, boolean dead, Instant nextAttemptAt, String error) {
    delegate.failed(id, attempts, dead, nextAttemptAt, error);
  }

  @Override
  public void release(String id, Instant at) {
    delegate.release(id, at);
  }

  @Override
  public boolean retry(String id, Instant at) {
    return delegate.retry(id, at);
  }
}
