package io.callmask.server.store;

import io.callmask.server.masking.ConcurrentChangeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code party_holdings} rows one transaction has read, written back by {@link #flush} just
 * before commit. Optimistic: a row is read without a lock and written only if its revision is
 * still the one read, so that of two transactions changing one party's bindings at once, the
 * second to write throws ConcurrentChangeException and is retried on fresh rows. (On H2 a {@code
 * SELECT ... FOR UPDATE} is parsed anew on every call, and a create would pay that twice.) Rows
 * are written in party order. Not thread-safe.
 */
final class TransactionHoldings {

  private final Connection connection;
  private final Map<String, PartyHoldings> read = new TreeMap<>();

  TransactionHoldings(Connection connection) {
    this.connection = connection;
  }

  /** Reads the rows of those {@code parties} not read yet. */
  void read(Collection<String> parties) {
    List<String> missing = new ArrayList<>();
    for (String party : parties) {
      if (!read.containsKey(party)) {
        missing.add(party);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String sql = "SELECT party, holdings, revision FROM party_holdings WHERE party IN ("
        + CandidateSql.placeholders(missing.size()) + ")";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      CandidateSql.bindAll(ps, missing);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          read.put(rs.getString(1),
              PartyHoldings.stored(rs.getString(1), rs.getString(2), rs.getLong(3)));
        }
      }
      for (String party : missing) {
        read.putIfAbsent(party, PartyHoldings.none(party));
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("read the parties' holdings", e);
    }
  }

  /** The holdings of {@code party}, read first if need be. */
  PartyHoldings of(String party) {
    read(List.of(party));
    return read.get(party);
  }

  /**
   * Parties with a quarantine that ended by {@code now}, earliest first, at most {@code limit},
   * none of {@code skipped}.
   */
  List<String> due(Instant now, int limit, Collection<String> skipped) {
    String sql = "SELECT party FROM party_holdings WHERE next_expiry <= ?"
        + " ORDER BY next_expiry FETCH FIRST ? ROWS ONLY";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      Rows.setInstant(ps, 1, now);
      ps.setInt(2, (int) Math.min(Integer.MAX_VALUE, (long) limit + skipped.size()));
      List<String> due = JdbcSessionStore.all(ps, rs -> rs.getString(1));
      due.removeAll(skipped);
      return due.size() > limit ? due.subList(0, limit) : due;
    } catch (SQLException e) {
      throw SqlFailures.translate("find parties with ended quarantines", e);
    }
  }

  /**
   * Writes every changed row, in party order; a party left holding nothing loses its row.
   *
   * @throws ConcurrentChangeException when another transaction changed one of them meanwhile
   */
  void flush() {
    try {
      for (PartyHoldings holdings : read.values()) {
        if (holdings.changed() && !write(holdings)) {
          throw new ConcurrentChangeException(
              "a party's holdings changed meanwhile", null);
        }
      }
      read.clear();
    } catch (SQLException e) {
      throw SqlFailures.translate("store a party's holdings", e);
    }
  }

  private boolean write(PartyHoldings holdings) throws SQLException {
    if (!holdings.stored()) {
      return holdings.proxies().isEmpty() || change("INSERT INTO party_holdings"
          + " (holdings, next_expiry, party, revision) VALUES (?, ?, ?, ?)", holdings);
    }
    if (holdings.proxies().isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(
          "DELETE FROM party_holdings WHERE party = ? AND revision = ?")) {
        ps.setString(1, holdings.party());
        ps.setLong(2, holdings.revision());
        return ps.executeUpdate() == 1;
      }
    }
    return change("UPDATE party_holdings SET holdings = ?, next_expiry = ?,"
        + " revision = revision + 1 WHERE party = ? AND revision = ?", holdings);
  }

  /** Runs an INSERT or UPDATE whose parameters are text, next expiry, party, revision. */
  private boolean change(String sql, PartyHoldings holdings) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, holdings.text());
      Rows.setInstant(ps, 2, holdings.nextExpiry());
      ps.setString(3, holdings.party());
      ps.setLong(4, holdings.revision());
      return ps.executeUpdate() == 1;
    }
  }
}
