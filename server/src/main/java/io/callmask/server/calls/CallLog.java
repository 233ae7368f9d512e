package io.callmask.server.calls;

/**
 * Where call control writes call records. {@link #record} never blocks and never throws: it is
 * called from SIP threads (Netty event loops, timers), so an implementation queues the snapshot
 * and persists it elsewhere; when several snapshots of one call are pending, only the latest needs
 * writing. Thread-safe.
 */
public interface CallLog {

  /** Records {@code snapshot} as the current state of call {@code snapshot.id()}. */
  void record(CallRecord snapshot);
}
