package io.callmask.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rows older than a retention (call records after {@code calls.retention}, delivered
 * events after {@code events.retention}), so the store does not grow without end. Each run deletes
 * in chunks of {@link #CHUNK} rows, each its own short transaction so that writers meanwhile never
 * wait long, and at most {@link #MAX_CHUNKS} chunks, leaving a backlog (after a long stop) to the
 * next runs. Meant for a housekeeping thread; a failure is logged and the next run tries again.
 * Not thread-safe: run it from one thread.
 */
public final class RetentionSweep implements Runnable {

  /** Deletes up to {@code limit} of the oldest rows from before {@code cutoff}; returns how many. */
  @FunctionalInterface
  public interface ChunkDeleter {
    int deleteBefore(Instant cutoff, int limit);
  }

  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
  static final int CHUNK = 10_000;
  static final int MAX_CHUNKS = 100;

  private final String what;
  private final ChunkDeleter deleter;
  private final Duration retention;
  private final Clock clock;

  /** @param what the rows, for the log ("call records") */
  public RetentionSweep(String what, ChunkDeleter deleter, Duration retention, Clock clock) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive");
    }
    this.what = Objects.requireNonNull(what, "what");
    this.deleter = Objects.requireNonNull(deleter, "deleter");
    this.retention = retention;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void run() {
    try {
      int deleted = sweep();
      if (deleted > 0) {
        log.info("deleted {} {} older than {}", deleted, what, retention);
      }
    } catch (RuntimeException e) {
      log.warn("deleting old {} failed; the next sweep tries again", what, e);
    }
  }

  /**
   * Runs {@code sql}, a DELETE whose parameters are the cutoff and the chunk size, on its own
   * connection; the statement every store's {@link ChunkDeleter} runs.
   */
  static int deleteChunk(Database database, String what, String sql, Instant cutoff, int limit) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.setInstant(ps, 1, cutoff);
      ps.setInt(2, limit);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("deleting old " + what + " failed: " + e.getMessage(), e);
    }
  }

  /** Deletes what is due, within this run's bounds; returns how many rows went. */
  int sweep() {
    Instant cutoff = clock.instant().minus(retention);
    int total = 0;
    for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
      int deleted = deleter.deleteBefore(cutoff, CHUNK);
      total += deleted;
      if (deleted < CHUNK) {
        break;
      }
    }
    return total;
  }
}
