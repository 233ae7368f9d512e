package io.callmask.server.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes call records older than the retention ({@code calls.retention}), so the store does not
 * grow without end. Each run deletes in chunks of {@link #CHUNK} rows, each its own short
 * transaction so that calls being recorded meanwhile never wait long, and at most {@link
 * #MAX_CHUNKS} chunks, leaving a backlog (after a long stop) to the next runs. Meant for a
 * housekeeping thread; a failure is logged and the next run tries again. Not thread-safe: run it
 * from one thread.
 */
public final class CallRecordRetention implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(CallRecordRetention.class);
  static final int CHUNK = 10_000;
  static final int MAX_CHUNKS = 100;

  private final JdbcCallRecordStore calls;
  private final Duration retention;
  private final Clock clock;

  public CallRecordRetention(JdbcCallRecordStore calls, Duration retention, Clock clock) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive");
    }
    this.calls = calls;
    this.retention = retention;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      int deleted = sweep();
      if (deleted > 0) {
        log.info("deleted {} call records older than {}", deleted, retention);
      }
    } catch (RuntimeException e) {
      log.warn("deleting old call records failed; the next sweep tries again", e);
    }
  }

  /** Deletes what is due, within this run's bounds; returns how many records went. */
  int sweep() {
    Instant cutoff = clock.instant().minus(retention);
    int total = 0;
    for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
      int deleted = calls.deleteStartedBefore(cutoff, CHUNK);
      total += deleted;
      if (deleted < CHUNK) {
        break;
      }
    }
    return total;
  }
}
