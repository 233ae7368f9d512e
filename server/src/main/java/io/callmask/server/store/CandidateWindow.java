package io.callmask.server.store;

import io.callmask.server.masking.CandidateQuery;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.ProxyNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * First fit for one (region, pool, parties, max live sessions) inside a transaction: the
 * parties' bound numbers are read once, then the pool's admissible numbers in rank order, a
 * window at a time, and the rest (excluded numbers, the backup's trunk) is filtered here. A
 * primary and its backup are so found with one read of the pool instead of two. Valid only
 * until the transaction writes bindings. Not thread-safe.
 */
final class CandidateWindow {

  private static final int SLACK = 16;

  private final Connection connection;
  private final CandidateQuery shape;
  private final Set<String> bound;
  private List<ProxyNumber> window = List.of();
  private int limit;
  private boolean complete;

  private CandidateWindow(Connection connection, CandidateQuery shape, Set<String> bound) {
    this.connection = connection;
    this.shape = shape;
    this.bound = bound;
    this.limit = bound.size() + SLACK;
  }

  /**
   * A window for queries of {@code shape}'s region, pool and parties. The parties' bound proxies
   * come from {@code heldByParty} when it knows every one of them (it may be null), else from a
   * read.
   */
  static CandidateWindow open(Connection connection, CandidateQuery shape,
      Map<String, Set<String>> heldByParty) throws SQLException {
    if (heldByParty != null && shape.parties().stream()
        .allMatch(party -> heldByParty.containsKey(party.e164()))) {
      Set<String> bound = new HashSet<>();
      shape.parties().forEach(party -> bound.addAll(heldByParty.get(party.e164())));
      return new CandidateWindow(connection, shape, bound);
    }
    String sql = "SELECT proxy FROM bindings WHERE party IN ("
        + CandidateSql.placeholders(shape.parties().size()) + ")";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int index = 1;
      for (PhoneNumber party : shape.parties()) {
        ps.setString(index++, party.e164());
      }
      return new CandidateWindow(connection, shape,
          new HashSet<>(JdbcSessionStore.all(ps, rs -> rs.getString(1))));
    }
  }

  /** Whether {@code query} asks about the same region, pool, parties and load limit. */
  boolean serves(CandidateQuery query) {
    return query.region().equals(shape.region()) && query.pool() == shape.pool()
        && query.parties().equals(shape.parties())
        && query.maxLiveSessions() == shape.maxLiveSessions();
  }

  /** The lowest-ranked number {@code query} admits. */
  Optional<ProxyNumber> first(CandidateQuery query) throws SQLException {
    while (true) {
      if (window.isEmpty() && !complete) {
        load();
      }
      for (ProxyNumber number : window) {
        if (!bound.contains(number.number().e164())
            && !query.excluded().contains(number.number())
            && query.avoidTrunk().map(trunk -> !trunk.equals(number.trunk())).orElse(true)) {
          return Optional.of(number);
        }
      }
      if (complete) {
        return Optional.empty();
      }
      limit *= 2;
      window = List.of();
    }
  }

  private void load() throws SQLException {
    String sql = "SELECT " + Rows.NUMBER_COLUMNS + " FROM proxy_numbers n"
        + " WHERE n.region = ? AND n.pool = ? AND n.health = 'healthy'"
        + " AND n.live_sessions < n.capacity AND n.live_sessions < ?"
        // Region and pool are fixed; naming them lets H2 walk proxy_numbers_by_pool in order.
        + " ORDER BY n.region, n.pool, n.number_rank FETCH FIRST ? ROWS ONLY";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, shape.region());
      ps.setString(2, shape.pool().configName());
      ps.setInt(3, shape.maxLiveSessions());
      ps.setInt(4, limit);
      window = JdbcSessionStore.all(ps, Rows::number);
      complete = window.size() < limit;
    }
  }
}
