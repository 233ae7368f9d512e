package io.callmask.server.store;

import io.callmask.server.events.DeliveryState;
import io.callmask.server.events.EventOutbox;
import io.callmask.server.events.EventType;
import io.callmask.server.events.NewEvent;
import io.callmask.server.events.OutboxEvent;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The event outbox in SQL (tables of {@code V10__events.sql}, {@code V11__events_indexes.sql}).
 * An append of a batch raises each of its streams' counter rows once and inserts the events with
 * the numbers taken, as one JDBC batch, in one transaction; it is retried when a concurrent first
 * append of the same stream won the race to create that row. Per event that is one insert plus,
 * per stream of the batch, one update: at hundreds of calls a second the outbox was the largest
 * part of the server's work, when it ran three statements an event, each prepared anew.
 * Thread-safe: each call uses its own pooled connection.
 */
public final class JdbcEventOutbox implements EventOutbox {

  private static final int MAX_APPEND_ATTEMPTS = 50;
  private static final String COLUMNS = "id, session_id, sequence_number, event_type, created_at,"
      + " payload, state, attempts, next_attempt_at, last_error, delivered_at";

  private static final String RAISE =
      "UPDATE event_streams SET last_sequence = last_sequence + ? WHERE stream = ?";
  /** The column {@link #RAISE} returns (lower case: PostgreSQL's driver quotes it). */
  private static final String[] LAST_SEQUENCE = {"last_sequence"};

  private final Database database;

  /** An outbox over an open, migrated database. */
  public JdbcEventOutbox(Database database) {
    this.database = database;
  }

  @Override
  public OutboxEvent append(NewEvent event) {
    return appendAll(List.of(event)).get(0);
  }

  @Override
  public List<OutboxEvent> appendAll(List<NewEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      try (Connection c = database.connection()) {
        c.setAutoCommit(false);
        try {
          long[] sequences = number(c, events);
          insertAll(c, events, sequences);
          c.commit();
          List<OutboxEvent> stored = new ArrayList<>(events.size());
          for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            stored.add(new OutboxEvent(event.id(), event.sessionId(), sequences[i], event.type(),
                event.createdAt(), event.data(), DeliveryState.PENDING, 0, event.createdAt(),
                Optional.empty(), Optional.empty()));
          }
          return stored;
        } catch (SQLException e) {
          c.rollback();
          SQLException first = firstFailure(e);
          if (!SqlFailures.isRace(first)) {
            throw SqlFailures.translate("record an event", first);
          }
          last = first;
        } finally {
          c.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw SqlFailures.translate("record an event", e);
      }
    }
    throw new StoreException("gave up recording events after " + MAX_APPEND_ATTEMPTS
        + " conflicting attempts", last);
  }

  /**
   * Deletes up to {@code limit} of the oldest delivered events created before {@code cutoff};
   * pending and dead events stay (the operator still has to see the dead ones). Sequence numbers
   * come from the stream counters, so deleting old events never lets one be reused.
   */
  public int deleteDeliveredBefore(Instant cutoff, int limit) {
    String sql = "DELETE FROM events WHERE id IN (SELECT id FROM events WHERE created_at < ?"
        + " AND state = 'delivered' ORDER BY created_at FETCH FIRST ? ROWS ONLY)";
    return RetentionSweep.deleteChunk(database, "events", sql, cutoff, limit);
  }

  /**
   * Numbers {@code events}: raises each stream's counter once, by its number of events in the
   * batch, which locks the counter row until commit; the stream's events take the numbers
   * up to the new value in their order. Streams are raised in sorted order, so that batches
   * written concurrently (by any server) take their row locks in one order and cannot deadlock.
   * The statement returns the raised value itself (JDBC's generated keys: {@code RETURNING} on
   * PostgreSQL, the updated row on H2), which saves a read of the row per stream.
   */
  private static long[] number(Connection c, List<NewEvent> events) throws SQLException {
    Map<String, Integer> counts = new TreeMap<>();
    for (NewEvent event : events) {
      counts.merge(event.stream(), 1, Integer::sum);
    }
    Map<String, Long> next = new HashMap<>();
    try (PreparedStatement raise = c.prepareStatement(RAISE, LAST_SEQUENCE)) {
      for (Map.Entry<String, Integer> stream : counts.entrySet()) {
        next.put(stream.getKey(), raise(c, raise, stream.getKey(), stream.getValue())
            - stream.getValue() + 1);
      }
    }
    long[] sequences = new long[events.size()];
    for (int i = 0; i < sequences.length; i++) {
      sequences[i] = next.merge(events.get(i).stream(), 1L, Long::sum) - 1;
    }
    return sequences;
  }

  /** Raises {@code stream}'s counter by {@code count} and returns it, creating it if new. */
  private static long raise(Connection c, PreparedStatement raise, String stream, int count)
      throws SQLException {
    raise.setInt(1, count);
    raise.setString(2, stream);
    if (raise.executeUpdate() == 1) {
      try (ResultSet raised = raise.getGeneratedKeys()) {
        if (raised.next()) {
          return raised.getLong(1);
        }
      }
      throw new SQLException("the store did not return the raised counter of " + stream);
    }
    // A concurrent first append inserts the same key: a unique violation, retried above.
    try (PreparedStatement create = c.prepareStatement(
        "INSERT INTO event_streams (stream, last_sequence) VALUES (?, ?)")) {
      create.setString(1, stream);
      create.setInt(2, count);
      create.executeUpdate();
    }
    return count;
  }

  /** Inserts {@code events} with their {@code sequences} as one JDBC batch. */
  private static void insertAll(Connection c, List<NewEvent> events, long[] sequences)
      throws SQLException {
    String sql = "INSERT INTO events (id, stream, session_id, sequence_number, event_type,"
        + " created_at, payload, state, attempts, next_attempt_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < sequences.length; i++) {
        NewEvent event = events.get(i);
        ps.setString(1, event.id());
        ps.setString(2, event.stream());
        ps.setString(3, event.sessionId().orElse(null));
        ps.setLong(4, sequences[i]);
        ps.setString(5, event.type().wireName());
        Rows.setInstant(ps, 6, event.createdAt());
        ps.setString(7, event.data());
        Rows.setInstant(ps, 8, event.createdAt());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The failure a batch failure carries (its next exception), or {@code e} itself. */
  private static SQLException firstFailure(SQLException e) {
    return e instanceof BatchUpdateException && e.getNextException() != null
        ? e.getNextException() : e;
  }

  @Override
  public Optional<OutboxEvent> event(String id) {
    String sql = "SELECT " + COLUMNS + " FROM events WHERE id = ?";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      return JdbcSessionStore.all(ps, JdbcEventOutbox::read).stream().findFirst();
    } catch (SQLException e) {
      throw SqlFailures.translate("read an event", e);
    }
  }

  @Override
  public List<OutboxEvent> events(
      Optional<DeliveryState> state, Optional<String> sessionId, int limit) {
    String sql = "SELECT " + COLUMNS + " FROM events WHERE 1 = 1"
        + (state.isPresent() ? " AND state = ?" : "")
        // a session's events are its stream's: its index finds them (V11__events_indexes.sql)
        + (sessionId.isPresent() ? " AND stream = ?" : "")
        + " ORDER BY created_at DESC, sequence_number DESC FETCH FIRST ? ROWS ONLY";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int index = 1;
      if (state.isPresent()) {
        ps.setString(index++, state.get().configName());
      }
      if (sessionId.isPresent()) {
        ps.setString(index++, NewEvent.sessionStream(sessionId.get()));
      }
      ps.setInt(index, limit);
      return JdbcSessionStore.all(ps, JdbcEventOutbox::read);
    } catch (SQLException e) {
      throw SqlFailures.translate("list events", e);
    }
  }

  @Override
  public List<OutboxEvent> dueHeads(Instant now, int limit) {
    String sql = "SELECT " + COLUMNS + " FROM events e"
        + " WHERE e.state = 'pending' AND e.next_attempt_at <= ?"
        + " AND NOT EXISTS (SELECT 1 FROM events p WHERE p.stream = e.stream"
        + " AND p.state = 'pending' AND p.sequence_number < e.sequence_number)"
        + " ORDER BY e.next_attempt_at, e.created_at FETCH FIRST ? ROWS ONLY";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.setInstant(ps, 1, now);
      ps.setInt(2, limit);
      return JdbcSessionStore.all(ps, JdbcEventOutbox::read);
    } catch (SQLException e) {
      throw SqlFailures.translate("find due events", e);
    }
  }

  @Override
  public boolean claim(String id, Instant now, Instant until) {
    return update("claim an event", "UPDATE events SET next_attempt_at = ?"
        + " WHERE id = ? AND state = 'pending' AND next_attempt_at <= ?",
        ps -> {
          Rows.setInstant(ps, 1, until);
          ps.setString(2, id);
          Rows.setInstant(ps, 3, now);
        }) == 1;
  }

  @Override
  public void delivered(String id, Instant at) {
    update("record a delivery", "UPDATE events SET state = 'delivered', delivered_at = ?,"
        + " last_error = NULL WHERE id = ? AND state = 'pending'", ps -> {
          Rows.setInstant(ps, 1, at);
          ps.setString(2, id);
        });
  }

  @Override
  public void failed(String id, int attempts, boolean dead, Instant nextAttemptAt, String error) {
    update("record a failed delivery", "UPDATE events SET state = ?, attempts = ?,"
        + " next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'", ps -> {
          ps.setString(1, dead ? "dead" : "pending");
          ps.setInt(2, attempts);
          Rows.setInstant(ps, 3, nextAttemptAt);
          ps.setString(4, error);
          ps.setString(5, id);
        });
  }

  @Override
  public void release(String id, Instant at) {
    update("release an event", "UPDATE events SET next_attempt_at = ?"
        + " WHERE id = ? AND state = 'pending'", ps -> {
          Rows.setInstant(ps, 1, at);
          ps.setString(2, id);
        });
  }

  @Override
  public boolean retry(String id, Instant at) {
    return update("requeue an event", "UPDATE events SET state = 'pending', attempts = 0,"
        + " next_attempt_at = ? WHERE id = ? AND state = 'dead'", ps -> {
          Rows.setInstant(ps, 1, at);
          ps.setString(2, id);
        }) == 1;
  }

  private int update(String doing, String sql, Binder binder) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.translate(doing, e);
    }
  }

  private static OutboxEvent read(ResultSet rs) throws SQLException {
    return new OutboxEvent(
        rs.getString(1),
        Optional.ofNullable(rs.getString(2)),
        rs.getLong(3),
        EventType.fromWireName(rs.getString(4)),
        Rows.instant(rs, 5).orElseThrow(),
        rs.getString(6),
        DeliveryState.fromConfigName(rs.getString(7)),
        rs.getInt(8),
        Rows.instant(rs, 9).orElseThrow(),
        Optional.ofNullable(rs.getString(10)),
        Rows.instant(rs, 11));
  }

  /** Sets a statement's parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }
}
