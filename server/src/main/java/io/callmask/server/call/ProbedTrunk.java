package io.callmask.server.call;

import io.callmask.server.masking.Trunk;
import io.callmask.sip.transaction.TimerService.Timeout;
import java.util.Objects;

/**
 * One trunk's probing state: {@link TrunkState}, consecutive failed probes, and the one probe
 * whose outcome is still open. Each event returns the {@link Change} it caused, if any, so that
 * every change is logged exactly once.
 *
 * <pre>
 * event                                      failures      state
 * answer to any probe (not 503)              reset to 0    UP
 * failure of the open probe (probe timeout,  +1            DOWN once failures reach the
 *   Timer F, transport error, 503)                         threshold, else unchanged
 * failure of a probe already given up        -             -  (it was counted at its timeout)
 * </pre>
 *
 * <p>Thread-safe: events come from the timer thread, transport event loops and the probe
 * executor; they are serialised on this object's monitor, which is never held while calling out.
 * {@link #state()} reads a volatile field and never blocks.
 */
final class ProbedTrunk {

  /** A change of state, with the failure that caused a fall (null for a rise). */
  record Change(String trunk, TrunkState from, TrunkState to, String cause) {}

  /**
   * One OPTIONS sent (or attempted): open until answered, failed or given up at the probe
   * timeout.
   */
  static final class Probe {
    private final long sequence;
    private volatile Timeout deadline;

    private Probe(long sequence) {
      this.sequence = sequence;
    }

    /** The CSeq number of this probe's OPTIONS. */
    long sequence() {
      return sequence;
    }

    /** Arms the probe timeout's handle, so an answer can cancel it. */
    void deadline(Timeout deadline) {
      this.deadline = deadline;
    }

    private void cancelDeadline() {
      Timeout armed = deadline;
      if (armed != null) {
        armed.cancel();
      }
    }
  }

  private final String name;
  private final int threshold;
  private volatile Trunk trunk;
  private volatile TrunkState state = TrunkState.UNKNOWN;
  /** Guarded by this. */
  private int failures;
  /** Guarded by this: the probe whose outcome is still open, or null. */
  private Probe open;
  /** Guarded by this: the last CSeq number used. */
  private long sequence;

  ProbedTrunk(Trunk trunk, int threshold) {
    this.trunk = Objects.requireNonNull(trunk, "trunk");
    this.name = trunk.name();
    this.threshold = threshold;
  }

  String name() {
    return name;
  }

  Trunk trunk() {
    return trunk;
  }

  /** Takes the trunk as the store has it now (its gateway may have been changed). */
  void refresh(Trunk current) {
    trunk = current;
  }

  TrunkState state() {
    return state;
  }

  /** Opens a new probe, or returns null while the previous one is still open. */
  synchronized Probe open() {
    if (open != null) {
      return null;
    }
    // CSeq numbers must stay below 2^31 (RFC 3261 §8.1.1.5); wrapping after 2^31 probes is fine
    sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
    open = new Probe(sequence);
    return open;
  }

  /** Whether a probe is open: sent and neither answered, failed nor given up. */
  synchronized boolean hasOpenProbe() {
    return open != null;
  }

  /**
   * The gateway answered {@code probe}, open or given up: either way it is alive, and a late answer
   * proves that as well as a prompt one.
   */
  synchronized Change answered(Probe probe) {
    if (probe == open) {
      open = null;
      probe.cancelDeadline();
    }
    failures = 0;
    return moveTo(TrunkState.UP, null);
  }

  /**
   * {@code probe} failed: counted if it is the open one; a probe given up at its timeout was
   * counted then, so its Timer F or transport error later changes nothing.
   */
  synchronized Change failed(Probe probe, String cause) {
    if (probe != open) {
      return null;
    }
    open = null;
    probe.cancelDeadline();
    failures++;
    return failures >= threshold ? moveTo(TrunkState.DOWN, cause) : null;
  }

  /** Consecutive failed probes so far. */
  synchronized int failures() {
    return failures;
  }

  private Change moveTo(TrunkState next, String cause) {
    TrunkState previous = state;
    if (previous == next) {
      return null;
    }
    state = next;
    return new Change(name, previous, next, cause);
  }
}
