package io.callmask.server.store;

import io.callmask.server.masking.ConcurrentChangeException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Sorts SQL failures into lost races, which the masking service retries, refusals of the data
 * itself, which no retry cures, and other failures.
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

  /**
   * Whether {@code e}, or an exception it chains (a batch failure carries the real one as its
   * next exception), says the database refuses the data itself: a data exception (class 22, e.g.
   * a value too long) or a broken integrity constraint (class 23) other than a unique violation,
   * which is a race that writing again can win.
   */
  static boolean isRefusal(SQLException e) {
    Throwable t = e;
    // Bounded: a driver's chain could loop.
    for (int depth = 0; t != null && depth < 10; depth++, t = next(t)) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22") || (state.startsWith("23") && !state.equals("23505"))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code e}, or an exception it chains, is a unique violation: a row with that key is
   * there already.
   */
  static boolean isUniqueViolation(SQLException e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 10; depth++, t = next(t)) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException sql && sql.getNextException() != null) {
      return sql.getNextException();
    }
    return t.getCause();
  }

  /** Whether {@code e} says another transaction won a race. */
  static boolean isRace(SQLException e) {
    return e.getSQLState() != null && RACES.contains(e.getSQLState());
  }
}
