package io.callmask.server.store;

import io.callmask.server.masking.CandidateQuery;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.ProxyNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * First fit for one (region, pool, parties, max live sessions) inside a transaction: the pool's
 * numbers are walked in rank order in memory ({@link PoolNumbers}), those the parties hold are
 * skipped, and the next few are checked in the database for health and room, a batch at a time;
 * the rest (excluded numbers, the backup's trunk) is filtered here. A primary and its backup are
 * so found with one batch instead of two reads. Valid only until the transaction writes
 * bindings. Not thread-safe.
 */
final class CandidateWindow {

  private static final int FIRST_BATCH = 8;

  private final Connection connection;
  private final CandidateQuery shape;
  private final Set<String> bound;
  private final PoolNumbers pool;
  /** Admissible numbers found so far, in rank order. */
  private final List<Candidate> admissible = new ArrayList<>();
  /** Position in {@link #pool} of the next number not yet checked. */
  private int next;
  private int batch = FIRST_BATCH;

  private CandidateWindow(Connection connection, CandidateQuery shape, Set<String> bound,
      PoolNumbers pool) {
    this.connection = connection;
    this.shape = shape;
    this.bound = bound;
    this.pool = pool;
  }

  /**
   * A window for queries of {@code shape}'s region, pool and parties, who hold {@code bound};
   * {@code pools} knows the pool's numbers.
   */
  static CandidateWindow open(Connection connection, CandidateQuery shape, Set<String> bound,
      PoolCatalog pools) throws SQLException {
    return new CandidateWindow(connection, shape, bound,
        pools.current(connection, shape.region(), shape.pool()));
  }

  /** Whether {@code query} asks about the same region, pool, parties and load limit. */
  boolean serves(CandidateQuery query) {
    return query.region().equals(shape.region()) && query.pool() == shape.pool()
        && query.parties().equals(shape.parties())
        && query.maxLiveSessions() == shape.maxLiveSessions();
  }

  /** The lowest-ranked number {@code query} admits. */
  Optional<ProxyNumber> first(CandidateQuery query) throws SQLException {
    int checked = 0;
    while (true) {
      for (; checked < admissible.size(); checked++) {
        Candidate candidate = admissible.get(checked);
        if (query.avoidTrunk().map(trunk -> !trunk.equals(candidate.trunk())).orElse(true)) {
          ProxyNumber number = candidate.toNumber(shape);
          if (!query.excluded().contains(number.number())) {
            return Optional.of(number);
          }
        }
      }
      if (next >= pool.size()) {
        return Optional.empty();
      }
      checkNextBatch();
    }
  }

  /** Checks the next numbers the parties do not hold; each batch twice the last. */
  private void checkNextBatch() throws SQLException {
    List<Integer> positions = new ArrayList<>(batch);
    while (next < pool.size() && positions.size() < batch) {
      if (!bound.contains(pool.number(next))) {
        positions.add(next);
      }
      next++;
    }
    if (positions.isEmpty()) {
      return;
    }
    Map<Long, Integer> room = roomy(positions);
    for (int position : positions) {
      Integer capacity = room.get(pool.rank(position));
      if (capacity != null) {
        admissible.add(new Candidate(pool.number(position), pool.trunk(position), capacity));
      }
    }
    batch *= 2;
  }

  /** Those of the numbers at {@code positions} healthy and with room, with their capacity. */
  private Map<Long, Integer> roomy(List<Integer> positions) throws SQLException {
    // Always {@code batch} placeholders (the last number repeated): one statement per size.
    String sql = "SELECT number_rank, capacity FROM number_loads WHERE number_rank IN ("
        + String.join(", ", Collections.nCopies(batch, "?")) + ") AND health = 'healthy'"
        + " AND live_sessions < capacity AND live_sessions < ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < batch; i++) {
        ps.setLong(i + 1, pool.rank(positions.get(Math.min(i, positions.size() - 1))));
      }
      ps.setInt(batch + 1, shape.maxLiveSessions());
      Map<Long, Integer> room = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          room.put(rs.getLong(1), rs.getInt(2));
        }
      }
      return room;
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
