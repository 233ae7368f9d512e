package io.callmask.server.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable outbox of events (CONTRACT §7). Implementations keep it in the store, so it
 * survives restarts and is shared by every server on that store; they are thread-safe.
 */
public interface EventOutbox {

  /**
   * Stores {@code event} as pending, due now, with the next sequence number of its stream. The
   * number is taken in the transaction that stores the event, so concurrent writers, here or on
   * other servers, never share or skip one, and a number becomes visible only after all lower
   * ones of its stream.
   */
  OutboxEvent append(NewEvent event);

  /**
   * Stores {@code events} in their order as {@link #append} stores each, in one transaction: all
   * of them, or none when it throws. Busy producers use it to pay for one commit, not many.
   */
  List<OutboxEvent> appendAll(List<NewEvent> events);

  /** The event with that id. */
  Optional<OutboxEvent> event(String id);

  /** Events, newest first, optionally of one state and one session; at most {@code limit}. */
  List<OutboxEvent> events(Optional<DeliveryState> state, Optional<String> sessionId, int limit);

  /**
   * Pending events due by {@code now} that are the lowest pending sequence of their stream
   * (everything before them is delivered or dead), soonest due first; at most {@code limit}.
   */
  List<OutboxEvent> dueHeads(Instant now, int limit);

  /**
   * Takes a due pending event for one delivery attempt by moving its next attempt to {@code
   * until}, only if it is still pending and due by {@code now}; false when someone else (another
   * server) took it first. An attempt that never reports back is retried after {@code until}.
   */
  boolean claim(String id, Instant now, Instant until);

  /** Records a successful delivery. */
  void delivered(String id, Instant at);

  /**
   * Records a failed attempt: the event's attempt count becomes {@code attempts}, and it is
   * either tried again at {@code nextAttemptAt} ({@code dead} false) or given up ({@code dead}).
   */
  void failed(String id, int attempts, boolean dead, Instant nextAttemptAt, String error);

  /** Makes a claimed event due at {@code at} again, without counting an attempt. */
  void release(String id, Instant at);

  /**
   * Requeues a dead event: pending, no attempts counted, due at {@code at}. False when there is
   * no such dead event.
   */
  boolean retry(String id, Instant at);
}
