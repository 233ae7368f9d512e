package io.callmask.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code party_holdings} rows one transaction has read, each locked ({@code FOR UPDATE}) so
 * that changes to a party's bindings are made by one transaction at a time, and written back by
 * {@link #flush} just before commit. Parties are locked in number order, before any session or
 * binding row, which is the order every transaction of the store follows. Not thread-safe.
 */
final class LockedHoldings {

  private static final String LOCK =
      "SELECT holdings FROM party_holdings WHERE party = ? FOR UPDATE";

  private final Connection connection;
  private final Map<String, PartyHoldings> locked = new TreeMap<>();

  LockedHoldings(Connection connection) {
    this.connection = connection;
  }

  /** Locks and reads the rows of those {@code parties} not read yet, in number order. */
  void lock(Collection<String> parties) {
    List<String> missing = new ArrayList<>();
    for (String party : parties) {
      if (!locked.containsKey(party)) {
        missing.add(party);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    missing.sort(null);
    try (PreparedStatement ps = connection.prepareStatement(LOCK)) {
      for (String party : missing) {
        ps.setString(1, party);
        try (ResultSet rs = ps.executeQuery()) {
          locked.put(party, rs.next()
              ? PartyHoldings.stored(party, rs.getString(1))
              : PartyHoldings.none(party));
        }
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("lock a party's holdings", e);
    }
  }

  /** The holdings of {@code party}, locked and read first if need be. */
  PartyHoldings of(String party) {
    lock(List.of(party));
    return locked.get(party);
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

  /** Writes every changed row, in party order; a party left holding nothing loses its row. */
  void flush() {
    try {
      for (PartyHoldings holdings : locked.values()) {
        if (holdings.changed()) {
          write(holdings);
        }
      }
      locked.clear();
    } catch (SQLException e) {
      throw SqlFailures.translate("store a party's holdings", e);
    }
  }

  private void write(PartyHoldings holdings) throws SQLException {
    if (holdings.proxies().isEmpty()) {
      if (holdings.stored()) {
        update("DELETE FROM party_holdings WHERE party = ?", holdings.party());
      }
      return;
    }
    String sql = holdings.stored()
        ? "UPDATE party_holdings SET holdings = ?, next_expiry = ? WHERE party = ?"
        : "INSERT INTO party_holdings (holdings, next_expiry, party) VALUES (?, ?, ?)";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, holdings.text());
      Optional<Instant> next = holdings.nextExpiry();
      Rows.setInstant(ps, 2, next);
      ps.setString(3, holdings.party());
      ps.executeUpdate();
    }
  }

  private void update(String sql, String party) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, party);
      ps.executeUpdate();
    }
  }
}
