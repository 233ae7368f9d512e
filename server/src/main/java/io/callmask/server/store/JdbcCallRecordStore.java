package io.callmask.server.store;

import io.callmask.server.calls.CallCounts;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallRecordStore;
import io.callmask.server.calls.CallRecordsRefused;
import io.callmask.server.calls.CallStatistics;
import io.callmask.server.calls.CallStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Call records in SQL (the table of {@code V20__calls.sql}). A save is an upsert written the same
 * way on H2 and PostgreSQL: update the rows that exist, insert the others, as two JDBC batches in
 * one transaction; records the caller knows to be new skip the update. (Neither H2's {@code
 * MERGE ... KEY} nor PostgreSQL's {@code ON CONFLICT} is understood by the other, and PostgreSQL
 * 12 has no {@code MERGE}.) Update-then-insert is safe
 * because one server's call log is the only writer of its calls; a concurrent insert of the same
 * id would fail the batch as a unique violation, which is retried. Thread-safe: each call uses
 * its own pooled connection.
 */
public final class JdbcCallRecordStore implements CallRecordStore, CallStatistics {

  /** {@link #UPDATE} and {@link #INSERT} take the same parameters, id last. */
  private static final String UPDATE = "UPDATE calls SET session_id = ?, kind = ?, from_side = ?,"
      + " status = ?, attempt_count = ?, attempts = ?, started_at = ?, answered_at = ?,"
      + " ended_at = ?, failure_side = ? WHERE id = ?";
  private static final String INSERT = "INSERT INTO calls (session_id, kind, from_side, status,"
      + " attempt_count, attempts, started_at, answered_at, ended_at, failure_side, id)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT " + CallRows.COLUMNS + " FROM calls";
  private static final String NEWEST = " ORDER BY started_at DESC, id DESC FETCH FIRST ? ROWS ONLY";

  private final Database database;

  /** A store over an open, migrated database. */
  public JdbcCallRecordStore(Database database) {
    this.database = database;
  }

  /**
   * {@inheritDoc} When {@code records} holds one id twice, the later record is the one kept.
   *
   * @throws CallRecordsRefused when the database refuses what a record holds
   * @throws StoreException when the database fails otherwise
   */
  @Override
  public void saveAll(Collection<CallRecord> records) {
    saveAll(records, id -> true);
  }

  /**
   * {@inheritDoc} Records said to be new are inserted without the update that would find no
   * row; should one exist after all (a unique violation), the batch is saved again as if every
   * record might exist.
   *
   * @throws CallRecordsRefused when the database refuses what a record holds
   * @throws StoreException when the database fails otherwise
   */
  @Override
  public void saveAll(Collection<CallRecord> records, Predicate<String> savedBefore) {
    Map<String, CallRecord> byId = new LinkedHashMap<>();
    for (CallRecord record : records) {
      byId.put(record.id(), record);
    }
    if (byId.isEmpty()) {
      return;
    }
    List<CallRecord> all = List.copyOf(byId.values());
    List<CallRecord> maybeStored = new ArrayList<>();
    List<CallRecord> fresh = new ArrayList<>();
    for (CallRecord record : all) {
      (savedBefore.test(record.id()) ? maybeStored : fresh).add(record);
    }
    boolean hinted = !fresh.isEmpty();
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        fresh.addAll(written(c, UPDATE, maybeStored));
        written(c, INSERT, fresh);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      if (hinted && SqlFailures.isUniqueViolation(e)) {
        saveAll(all, id -> true);
        return;
      }
      if (SqlFailures.isRefusal(e)) {
        throw new CallRecordsRefused("the store refused " + all.size() + " call records: "
            + e.getMessage(), e);
      }
      throw new StoreException("saving " + all.size() + " call records failed: "
          + e.getMessage(), e);
    }
  }

  /** Runs {@code sql} once per record as one batch; returns the records it changed no row for. */
  private static List<CallRecord> written(Connection c, String sql, List<CallRecord> records)
      throws SQLException {
    if (records.isEmpty()) {
      return List.of();
    }
    int[] counts;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (CallRecord record : records) {
        CallRows.bindCall(ps, record);
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    List<CallRecord> unchanged = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (counts[i] == 0) {
        unchanged.add(records.get(i));
      }
    }
    return unchanged;
  }

  @Override
  public Optional<CallRecord> find(String id) {
    return select("read a call", SELECT + " WHERE id = ?", ps -> ps.setString(1, id))
        .stream().findFirst();
  }

  @Override
  public List<CallRecord> bySession(String session, int limit) {
    return select("list a session's calls", SELECT + " WHERE session_id = ?" + NEWEST, ps -> {
      ps.setString(1, session);
      ps.setInt(2, limit);
    });
  }

  @Override
  public List<CallRecord> recent(int limit) {
    return select("list calls", SELECT + NEWEST, ps -> ps.setInt(1, limit));
  }

  @Override
  public CallCounts since(Instant since) {
    // A click-to-call's attempts cover both legs, so their count cannot tell a failover apart:
    // only forwarded calls are counted (the failover metric counts every leg's failovers).
    String sql = "SELECT status, COUNT(*),"
        + " SUM(CASE WHEN kind = 'forwarded' AND attempt_count > 1 THEN 1 ELSE 0 END)"
        + " FROM calls WHERE started_at >= ? GROUP BY status";
    Map<CallStatus, Long> byStatus = new EnumMap<>(CallStatus.class);
    long failovers = 0;
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.setInstant(ps, 1, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byStatus.put(CallRows.status(rs.getString(1)), rs.getLong(2));
          failovers += rs.getLong(3);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("counting calls failed: " + e.getMessage(), e);
    }
    return new CallCounts(since, byStatus, failovers);
  }

  /**
   * Deletes up to {@code limit} of the oldest calls that started before {@code cutoff}, so that a
   * retention sweep works in short transactions; returns how many it deleted.
   */
  public int deleteStartedBefore(Instant cutoff, int limit) {
    String sql = "DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE started_at < ?"
        + " ORDER BY started_at FETCH FIRST ? ROWS ONLY)";
    return RetentionSweep.deleteChunk(database, "calls", sql, cutoff, limit);
  }

  private List<CallRecord> select(String doing, String sql, Binder binder) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return JdbcSessionStore.all(ps, CallRows::call);
    } catch (SQLException e) {
      throw new StoreException(doing + " failed: " + e.getMessage(), e);
    }
  }

  /** Sets a statement's parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }
}
