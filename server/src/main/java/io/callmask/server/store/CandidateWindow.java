package io.callmask.server.store;

import io.callmask.server.masking.CandidateQuery;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.ProxyNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * First fit for one (region, pool, parties, max live sessions) inside a transaction: given the
 * numbers the parties hold (from their holdings), the pool's admissible numbers are read in rank
 * order, a window at a time, and the rest (excluded numbers, the backup's trunk) is filtered
 * here. A primary and its backup are so found with one read of the pool instead of two. Valid
 * only until the transaction writes bindings. Not thread-safe.
 */
final class CandidateWindow {

  private static final int SLACK = 16;

  private final Connection connection;
  private final CandidateQuery shape;
  private final Set<String> bound;
  private List<Candidate> window = List.of();
  private int limit;
  private boolean complete;

  private CandidateWindow(Connection connection, CandidateQuery shape, Set<String> bound) {
    this.connection = connection;
    this.shape = shape;
    this.bound = bound;
    this.limit = bound.size() + SLACK;
  }

  /** A window for queries of {@code shape}'s region, pool and parties, who hold {@code bound}. */
  static CandidateWindow open(Connection connection, CandidateQuery shape, Set<String> bound) {
    return new CandidateWindow(connection, shape, bound);
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
      for (Candidate candidate : window) {
        if (!bound.contains(candidate.number())
            && query.avoidTrunk().map(trunk -> !trunk.equals(candidate.trunk())).orElse(true)) {
          ProxyNumber number = candidate.toNumber(shape);
          if (!query.excluded().contains(number.number())) {
            return Optional.of(number);
          }
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
    // Only what first fit looks at: a number is parsed when it is chosen, not for each one passed.
    String sql = "SELECT n.number, n.trunk, n.capacity FROM proxy_numbers n"
        + " WHERE n.region = ? AND n.pool = ? AND n.health = 'healthy'"
        + " AND n.live_sessions < n.capacity AND n.live_sessions < ?"
        // Region and pool are fixed; naming them lets H2 walk proxy_numbers_by_pool in order.
        + " ORDER BY n.region, n.pool, n.number_rank FETCH FIRST ? ROWS ONLY";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, shape.region());
      ps.setString(2, shape.pool().configName());
      ps.setInt(3, shape.maxLiveSessions());
      ps.setInt(4, limit);
      window = JdbcSessionStore.all(ps,
          rs -> new Candidate(rs.getString(1), rs.getString(2), rs.getInt(3)));
      complete = window.size() < limit;
    }
  }

  /** A healthy number of the window's region and pool with room, as read. */
  private record Candidate(String number, String trunk, int capacity) {
    ProxyNumber toNumber(CandidateQuery shape) {
      return new ProxyNumber(new PhoneNumber(number), trunk, shape.region(), shape.pool(),
          capacity, Health.HEALTHY);
    }
  }
}
