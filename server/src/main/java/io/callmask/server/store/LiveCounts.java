package io.callmask.server.store;

import io.callmask.server.masking.ConcurrentChangeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The changes one transaction makes to the live-session counters of numbers ({@code
 * number_loads}), the hottest rows of the store: gathered as the work goes and applied by {@link
 * #flush} just before commit, one number at a time in rank order, so that they are locked last
 * and briefly. Not thread-safe.
 */
final class LiveCounts {

  private static final String TAKE = "UPDATE number_loads SET live_sessions = live_sessions + ?"
      + " WHERE number_rank = ? AND health = 'healthy' AND live_sessions + ? <= capacity"
      + " AND live_sessions + ? <= ?";
  private static final String UNCOUNT =
      "UPDATE number_loads SET live_sessions = live_sessions - ? WHERE number_rank = ?";

  private final Connection connection;
  private final NumberRanks ranks;
  private final Map<String, Change> changes = new HashMap<>();

  LiveCounts(Connection connection, NumberRanks ranks) {
    this.connection = connection;
    this.ranks = ranks;
  }

  /** One more live session on {@code number}, which may then serve {@code maxLiveSessions}. */
  void take(String number, int maxLiveSessions) {
    Change change = changes.computeIfAbsent(number, n -> new Change());
    change.taken++;
    change.maxLiveSessions = Math.min(change.maxLiveSessions, maxLiveSessions);
  }

  /** One live session less on {@code number}. */
  void release(String number) {
    changes.computeIfAbsent(number, n -> new Change()).released++;
  }

  /**
   * Applies the net changes. (One UPDATE over an IN list would lock in whatever order the plan
   * scans, a sequential scan on PostgreSQL, and concurrent creates then deadlock.) A number taken
   * must still be healthy and have room for the net change, else ConcurrentChangeException.
   */
  void flush() {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement take = connection.prepareStatement(TAKE);
        PreparedStatement uncount = connection.prepareStatement(UNCOUNT)) {
      Map<String, Long> rankOf = ranks.of(connection, changes.keySet());
      Map<Long, Change> inRankOrder = new TreeMap<>();
      for (Map.Entry<String, Change> entry : changes.entrySet()) {
        Long rank = rankOf.get(entry.getKey());
        if (rank != null) {
          inRankOrder.put(rank, entry.getValue());
        } else if (entry.getValue().taken > 0) {
          throw new ConcurrentChangeException("number not registered", null);
        }
      }
      for (Map.Entry<Long, Change> entry : inRankOrder.entrySet()) {
        Change change = entry.getValue();
        int net = change.taken - change.released;
        if (change.taken > 0) {
          take.setInt(1, net);
          take.setLong(2, entry.getKey());
          take.setInt(3, net);
          take.setInt(4, net);
          take.setInt(5, change.maxLiveSessions);
          if (take.executeUpdate() != 1) {
            throw new ConcurrentChangeException("number filled or unhealthy meanwhile", null);
          }
        } else if (net != 0) {
          uncount.setInt(1, -net);
          uncount.setLong(2, entry.getKey());
          uncount.executeUpdate();
        }
      }
      changes.clear();
    } catch (SQLException e) {
      throw SqlFailures.translate("count live sessions", e);
    }
  }

  /** Live sessions to add to and remove from one number's count. */
  private static final class Change {
    int taken;
    int released;
    int maxLiveSessions = Integer.MAX_VALUE;
  }
}
