package io.callmask.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.events.DeliveryState;
import io.callmask.server.events.EventType;
import io.callmask.server.events.NewEvent;
import io.callmask.server.events.OutboxEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * An outbox written under schema V10 keeps working after V11 drops two of its indexes: a
 * session's events are still listed, and numbering goes on from the stream counters.
 */
class EventIndexesMigrationTest {

  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Test
  void aVersionTenOutboxListsASessionsEventsAndNumbersOnAfterMigration() throws SQLException {
    Flyway.configure().dataSource(url, "", "").locations("classpath:db/callmask").target("10")
        .load().migrate();
    try (Connection c = DriverManager.getConnection(url, "", "");
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO event_streams VALUES ('session:s1', 2), ('session:s2', 1)");
      st.execute(row("a", "s1", 1) + ", " + row("b", "s2", 1) + ", " + row("c", "s1", 2));
    }

    try (Database database = Database.open(url, "", "", 2)) {
      JdbcEventOutbox outbox = new JdbcEventOutbox(database);
      assertThat(outbox.events(Optional.empty(), Optional.of("s1"), 10))
          .extracting(OutboxEvent::id).containsExactly("c", "a");
      assertThat(outbox.events(Optional.of(DeliveryState.PENDING), Optional.of("s2"), 10))
          .extracting(OutboxEvent::id).containsExactly("b");
      assertThat(outbox.append(new NewEvent("d", Optional.of("s1"), EventType.SESSION_CLOSED,
          Instant.parse("2026-01-01T00:00:03Z"), "{}")).sequence()).isEqualTo(3L);
      assertThat(eventIndexes()).containsExactlyInAnyOrder("EVENTS_BY_CREATED",
          "EVENTS_BY_STREAM", "EVENTS_DUE");
    }
  }

  private static String row(String id, String session, int sequence) {
    return (id.equals("a") ? "INSERT INTO events (id, stream, session_id, sequence_number,"
        + " event_type, created_at, payload, state, next_attempt_at) VALUES " : "")
        + "('" + id + "', 'session:" + session + "', '" + session + "', " + sequence
        + ", 'session.created', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:0" + sequence
        + "Z', '{}', 'pending', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z')";
  }

  /** The indexes on events other than its primary key's. */
  private List<String> eventIndexes() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
            + " WHERE TABLE_NAME = 'EVENTS' AND INDEX_TYPE_NAME <> 'PRIMARY KEY'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
