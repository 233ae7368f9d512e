package io.callmask.server.calls;

import java.time.Instant;

/** Counts of call records for the stats (CONTRACT §3 {@code callmask stats}). Blocking. */
public interface CallStatistics {

  /** The calls that started at or after {@code since}. */
  CallCounts since(Instant since);
}
