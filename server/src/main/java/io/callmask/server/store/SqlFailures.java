package io.callmask.server.store;

import io.callmask.server.masking.ConcurrentChangeException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Sorts SQL failures into lost races, which the masking service retries, and real failures.
 * SQLSTATEs are the standard ones (PostgreSQL, H2) plus H2's own lock codes.
 */
final class SqlFailures {

  private static final Set<String> RACES = Set.of(
      "23505", // unique violation: the pair, ref or number was taken meanwhile
      "40001", // serialization failure / deadlock (H2, PostgreSQL)
      "40P01", // deadlock detected (PostgreSQL)
      "HYT00", // lock timeout (H2)
      "55P03", // lock not available (PostgreSQL)
      "90131"); // concurrent update of a row (H2 MVStore)

  private SqlFailures() {}

  /** The exception to throw for {@code e}, raised while {@code doing}. */
  static RuntimeException translate(String doing, SQLException e) {
    if (isRace(e)) {
      return new ConcurrentChangeException(doing + ": " + e.getSQLState(), e);
    }
    return new StoreException(doing + " failed: " + e.getMessage(), e);
  }

  /** Whether {@code e} says another transaction won a race. */
  static boolean isRace(SQLException e) {
    return e.getSQLState() != null && RACES.contains(e.getSQLState());
  }
}
