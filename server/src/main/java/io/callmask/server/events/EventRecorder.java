package io.callmask.server.events;

import io.callmask.server.ids.TimeOrderedIds;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.NumberChange;
import io.callmask.server.masking.NumberRole;
import io.callmask.server.masking.SessionListener;
import io.callmask.server.masking.Side;
import io.callmask.server.view.SessionView;
import io.callmask.server.view.ViewJson;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts events into the outbox (CONTRACT §7) and wakes the deliverer. As a {@link
 * SessionListener} it records {@code session.created}, {@code session.closed} and {@code
 * session.numbers_changed} right after the masking service committed the change; the other
 * event types are recorded through {@link #record} by the parts that see them happen.
 * Thread-safe; blocking (it writes to the store).
 */
public final class EventRecorder implements SessionListener {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final EventOutbox outbox;
  private final Clock clock;
  private final Runnable onRecorded;
  /** Event ids in creation order: the outbox's primary key grows at its end. */
  private final TimeOrderedIds ids;

  /**
   * @param outbox where events are kept
   * @param clock stamps {@code created_at}
   * @param onRecorded told after each event is stored, e.g. to wake the deliverer; must not block
   */
  public EventRecorder(EventOutbox outbox, Clock clock, Runnable onRecorded) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onRecorded = Objects.requireNonNull(onRecorded, "onRecorded");
    this.ids = new TimeOrderedIds(clock);
  }

  /** An event to record: of {@code type}, about {@code sessionId} (empty for pool events). */
  public record Draft(EventType type, Optional<String> sessionId, Object data) {}

  /**
   * Records an event of {@code type} about {@code sessionId} (empty for pool events) whose
   * {@code data} object is {@code data} written as JSON (records in snake_case).
   *
   * @throws RuntimeException when the store cannot take it; nothing was recorded then
   */
  public OutboxEvent record(EventType type, Optional<String> sessionId, Object data) {
    OutboxEvent stored = outbox.append(toNew(new Draft(type, sessionId, data), now()));
    onRecorded.run();
    return stored;
  }

  /**
   * Records {@code drafts} in their order, in one transaction.
   *
   * @throws RuntimeException when the store cannot take them; none was recorded then
   */
  public List<OutboxEvent> recordAll(List<Draft> drafts) {
    Instant now = now();
    List<OutboxEvent> stored =
        outbox.appendAll(drafts.stream().map(draft -> toNew(draft, now)).toList());
    onRecorded.run();
    return stored;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private NewEvent toNew(Draft draft, Instant at) {
    return new NewEvent(ids.next(), draft.sessionId(), draft.type(), at,
        ViewJson.text(draft.data()));
  }

  /** Records {@code session.click_to_call_enabled} for {@code side} of {@code session}. */
  public OutboxEvent clickToCallEnabled(MaskingSession session, Side side) {
    return record(EventType.SESSION_CLICK_TO_CALL_ENABLED, Optional.of(session.id()),
        new SideData(SessionView.of(session), side.configName()));
  }

  @Override
  public void created(MaskingSession session) {
    recordSafely(EventType.SESSION_CREATED, session, new SessionData(SessionView.of(session)));
  }

  @Override
  public void closed(MaskingSession session) {
    recordSafely(EventType.SESSION_CLOSED, session, new SessionData(SessionView.of(session)));
  }

  @Override
  public void numbersChanged(MaskingSession session, List<NumberChange> changes) {
    List<Change> shown = changes.stream()
        .map(c -> new Change(c.side().configName(), c.role() == NumberRole.PRIMARY ? "proxy"
            : "backup_proxy", c.oldNumber().e164(), c.newNumber().e164()))
        .toList();
    recordSafely(EventType.SESSION_NUMBERS_CHANGED, session,
        new ChangesData(SessionView.of(session), shown));
  }

  /**
   * The change is committed whatever happens here, so a store failure is logged, not thrown
   * into the caller that made the change.
   */
  private void recordSafely(EventType type, MaskingSession session, Object data) {
    try {
      record(type, Optional.of(session.id()), data);
    } catch (RuntimeException e) {
      LOG.error("could not record {} for session {}; the marketplace will not hear of it",
          type.wireName(), session.id(), e);
    }
  }

  /** {@code data} of session.created and session.closed. */
  record SessionData(SessionView session) {}

  /** {@code data} of session.click_to_call_enabled: the session and the side it is on for. */
  record SideData(SessionView session, String side) {}

  /** {@code data} of session.numbers_changed: the session afterwards and what changed. */
  record ChangesData(SessionView session, List<Change> changes) {}

  /** One replaced number: which side, which of its numbers ({@code proxy} or {@code backup_proxy}). */
  record Change(String side, String role, String oldNumber, String newNumber) {}
}
