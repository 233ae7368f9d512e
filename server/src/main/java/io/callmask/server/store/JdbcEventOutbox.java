package io.callmask.server.store;

import io.callmask.server.events.DeliveryState;
import io.callmask.server.events.EventOutbox;
import io.callmask.server.events.EventType;
import io.callmask.server.events.NewEvent;
import io.callmask.server.events.OutboxEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event outbox in SQL (tables of {@code V10__events.sql}). An append takes the next
 * sequence number from its stream's counter row and inserts the event in one transaction,
 * retrying when a concurrent first append of the same stream won the race to create that row.
 * Thread-safe: each call uses its own pooled connection.
 */
public final class JdbcEventOutbox implements EventOutbox {

  private static final int MAX_APPEND_ATTEMPTS = 50;
  private static final String COLUMNS = "id, session_id, sequence_number, event_type, created_at,"
      + " payload, state, attempts, next_attempt_at, last_error, delivered_at";

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
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      try (Connection c = database.connection()) {
        c.setAutoCommit(false);
        try {
          List<OutboxEvent> stored = new ArrayList<>(events.size());
          for (NewEvent event : events) {
            long sequence = nextSequence(c, event.stream());
            insert(c, event, sequence);
            stored.add(new OutboxEvent(event.id(), event.sessionId(), sequence, event.type(),
                event.createdAt(), event.data(), DeliveryState.PENDING, 0, event.createdAt(),
                Optional.empty(), Optional.empty()));
          }
          c.commit();
          return stored;
        } catch (SQLException e) {
          c.rollback();
          if (!SqlFailures.isRace(e)) {
            throw SqlFailures.translate("record an event", e);
          }
          last = e;
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

  /** Raises the stream's counter (locking its row until commit), creating it at 1. */
  private static long nextSequence(Connection c, String stream) throws SQLException {
    try (PreparedStatement up = c.prepareStatement(
        "UPDATE event_streams SET last_sequence = last_sequence + 1 WHERE stream = ?")) {
      up.setString(1, stream);
      if (up.executeUpdate() == 0) {
        // A concurrent first append inserts the same key: a unique violation, retried above.
        try (PreparedStatement in = c.prepareStatement(
            "INSERT INTO event_streams (stream, last_sequence) VALUES (?, 1)")) {
          in.setString(1, stream);
          in.executeUpdate();
        }
        return 1;
      }
    }
    try (PreparedStatement read = c.prepareStatement(
        "SELECT last_sequence FROM event_streams WHERE stream = ?")) {
      read.setString(1, stream);
      try (ResultSet rs = read.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void insert(Connection c, NewEvent event, long sequence) throws SQLException {
    String sql = "INSERT INTO events (id, stream, session_id, sequence_number, event_type,"
        + " created_at, payload, state, attempts, next_attempt_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, event.id());
      ps.setString(2, event.stream());
      ps.setString(3, event.sessionId().orElse(null));
      ps.setLong(4, sequence);
      ps.setString(5, event.type().wireName());
      Rows.setInstant(ps, 6, event.createdAt());
      ps.setString(7, event.data());
      Rows.setInstant(ps, 8, event.createdAt());
      ps.executeUpdate();
    }
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
        + (sessionId.isPresent() ? " AND session_id = ?" : "")
        + " ORDER BY created_at DESC, sequence_number DESC FETCH FIRST ? ROWS ONLY";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int index = 1;
      if (state.isPresent()) {
        ps.setString(index++, state.get().configName());
      }
      if (sessionId.isPresent()) {
        ps.setString(index++, sessionId.get());
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
