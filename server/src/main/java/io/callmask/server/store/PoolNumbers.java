package io.callmask.server.store;

import io.callmask.server.masking.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers of one region's pool in rank order (first-fit order), with their trunks: what never
 * changes about a number once it is registered. Health and load change all the time and are
 * read from the database when a number is considered. Immutable and thread-safe.
 */
final class PoolNumbers {

  private final List<String> numbers;
  private final List<String> trunks;
  private final long[] ranks;
  private final long lastRank;

  private PoolNumbers(List<String> numbers, List<String> trunks, long[] ranks) {
    this.numbers = numbers;
    this.trunks = trunks;
    this.ranks = ranks;
    this.lastRank = ranks.length == 0 ? -1 : ranks[ranks.length - 1];
  }

  /** Reads the pool; {@code known} learns the numbers' ranks. */
  static PoolNumbers read(Connection connection, String region, Pool pool, NumberRanks known)
      throws SQLException {
    String sql = "SELECT number, trunk, number_rank FROM proxy_numbers"
        + " WHERE region = ? AND pool = ? ORDER BY region, pool, number_rank";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, region);
      ps.setString(2, pool.configName());
      List<String> numbers = new ArrayList<>();
      List<String> trunks = new ArrayList<>();
      List<Long> ranks = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          numbers.add(rs.getString(1));
          trunks.add(rs.getString(2));
          ranks.add(rs.getLong(3));
          known.learn(rs.getString(1), rs.getLong(3));
        }
      }
      return new PoolNumbers(List.copyOf(numbers), List.copyOf(trunks),
          ranks.stream().mapToLong(Long::longValue).toArray());
    }
  }

  /**
   * Whether numbers were added to the pool since it was read. Numbers are never removed and a
   * new one ranks after all others, so one probe of the pool's index past the last rank tells.
   */
  boolean grewSince(Connection connection, String region, Pool pool) throws SQLException {
    String sql = "SELECT 1 FROM proxy_numbers WHERE region = ? AND pool = ? AND number_rank > ?"
        + " FETCH FIRST 1 ROWS ONLY";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, region);
      ps.setString(2, pool.configName());
      ps.setLong(3, lastRank);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  int size() {
    return numbers.size();
  }

  /** The number at {@code index} in rank order, in E.164. */
  String number(int index) {
    return numbers.get(index);
  }

  /** The rank of the number at {@code index}: the key of its load row. */
  long rank(int index) {
    return ranks[index];
  }

  /** The trunk of the number at {@code index}. */
  String trunk(int index) {
    return trunks.get(index);
  }
}
