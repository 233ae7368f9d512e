package io.callmask.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rank of each proxy number, the key of its {@code number_loads} row, remembered between
 * transactions: a number's rank is given once when it is registered and never changes, and
 * numbers are never removed, so what was read once stays true. Thread-safe.
 */
final class NumberRanks {

  private final Map<String, Long> ranks = new ConcurrentHashMap<>();

  /** Remembers the rank of {@code number}, as read with it. */
  void learn(String number, long rank) {
    ranks.put(number, rank);
  }

  /**
   * The ranks of those {@code numbers} that are registered; the ones not known yet are read in
   * one statement.
   */
  Map<String, Long> of(Connection connection, Collection<String> numbers) throws SQLException {
    Map<String, Long> found = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String number : numbers) {
      Long rank = ranks.get(number);
      if (rank != null) {
        found.put(number, rank);
      } else {
        missing.add(number);
      }
    }
    if (!missing.isEmpty()) {
      String sql = "SELECT number, number_rank FROM proxy_numbers WHERE number IN ("
          + CandidateSql.placeholders(missing.size()) + ")";
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        CandidateSql.bindAll(ps, missing);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            learn(rs.getString(1), rs.getLong(2));
            found.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
    }
    return found;
  }
}
