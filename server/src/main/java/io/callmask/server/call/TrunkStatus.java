package io.callmask.server.call;

/**
 * Whether a trunk currently answers (issue 4 §5): a trunk that stopped answering its OPTIONS
 * probes is skipped, and calls go straight to the backup, until it answers again. Thread-safe;
 * never blocks.
 */
public interface TrunkStatus {

  /** Every trunk is up: for tests and for servers that do not probe. */
  TrunkStatus ALWAYS_UP = trunk -> false;

  /** True when {@code trunk} is known to be down; unknown trunks are up. */
  boolean isDown(String trunk);
}
