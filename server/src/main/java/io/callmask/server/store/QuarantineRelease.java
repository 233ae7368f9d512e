package io.callmask.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ends quarantines inside one transaction (CONTRACT §4): finds, through the parties' holdings,
 * the bindings whose quarantine is over, deletes them, and counts one live session less on a
 * number for each session whose last binding of it went. Whether a quarantine is over is decided
 * on the binding itself, never on the holdings' copy of its end. Not thread-safe.
 */
final class QuarantineRelease {

  private static final String READ = "SELECT b.session_id, b.expires_at, s.customer_number,"
      + " s.partner_number FROM bindings b LEFT JOIN masking_sessions s ON s.id = b.session_id"
      + " WHERE b.proxy = ? AND b.party = ?";
  /** A session's hold on a number: the bindings of both its parties (one shared number). */
  private static final String DELETE = "DELETE FROM bindings WHERE proxy = ? AND party IN (?, ?)"
      + " AND session_id = ? AND expires_at <= ?";

  private final Connection connection;
  private final TransactionHoldings holdings;
  private final LiveCounts counts;
  private final WrittenRoutes written;

  QuarantineRelease(Connection connection, TransactionHoldings holdings, LiveCounts counts,
      WrittenRoutes written) {
    this.connection = connection;
    this.holdings = holdings;
    this.counts = counts;
    this.written = written;
  }

  /** Releases every ended quarantine of {@code parties}; returns how many sessions' holds. */
  int ofParties(Collection<String> parties, Instant now) {
    holdings.read(parties);
    int released = 0;
    for (String party : parties.stream().sorted().toList()) {
      released += releaseDue(party, now, Integer.MAX_VALUE);
    }
    return released;
  }

  /** The periodic sweep: ended quarantines of any parties, at most {@code limit} holds. */
  int ofAnyParties(Instant now, int limit) {
    Set<String> seen = new HashSet<>();
    int released = 0;
    while (released < limit) {
      List<String> due = holdings.due(now, limit - released, seen);
      if (due.isEmpty()) {
        break;
      }
      holdings.read(due);
      for (String party : due.stream().sorted().toList()) {
        seen.add(party);
        released += releaseDue(party, now, limit - released);
      }
    }
    return released;
  }

  private int releaseDue(String party, Instant now, int limit) {
    PartyHoldings of = holdings.of(party);
    int released = 0;
    for (String proxy : of.dueAt(now)) {
      if (released == limit) {
        break;
      }
      if (release(of, proxy, now)) {
        released++;
      }
    }
    return released;
  }

  /** Releases the hold of {@code proxy}'s binding to the party if its quarantine is over. */
  private boolean release(PartyHoldings of, String proxy, Instant now) {
    try (PreparedStatement read = connection.prepareStatement(READ)) {
      read.setString(1, proxy);
      read.setString(2, of.party());
      try (ResultSet rs = read.executeQuery()) {
        if (!rs.next()) {
          // Released already, with the other party of a session sharing the number.
          of.release(proxy);
          return false;
        }
        Optional<Instant> end = Rows.instant(rs, 2);
        if (end.isEmpty() || end.get().isAfter(now)) {
          of.hold(proxy, end);
          return false;
        }
        String sessionId = rs.getString(1);
        String customer = Optional.ofNullable(rs.getString(3)).orElse(of.party());
        String partner = Optional.ofNullable(rs.getString(4)).orElse(of.party());
        of.release(proxy);
        return deleteHold(proxy, sessionId, customer, partner, now);
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("release an ended quarantine", e);
    }
  }

  private boolean deleteHold(String proxy, String sessionId, String customer, String partner,
      Instant now) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
      delete.setString(1, proxy);
      // In key order, so that two transactions releasing the same hold lock alike.
      boolean customerFirst = customer.compareTo(partner) <= 0;
      delete.setString(2, customerFirst ? customer : partner);
      delete.setString(3, customerFirst ? partner : customer);
      delete.setString(4, sessionId);
      Rows.setInstant(delete, 5, now);
      written.binding(proxy, customer);
      written.binding(proxy, partner);
      if (delete.executeUpdate() == 0) {
        return false;
      }
      counts.release(proxy);
      return true;
    }
  }
}
