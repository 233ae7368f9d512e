package io.callmask.sip.transaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The timers that end a finished transaction's wait for retransmissions ({@link SipTimer#lingers}:
 * D, I, J, K, L, M), kept in queues instead of on the {@link TimerService}'s wheel.
 *
 * <p>Why: at 3,000 calls/s about 300,000 transactions (three a call) wait out these timers at
 * once, and a timer on the wheel costs three objects (the transaction's timer entry, the service's
 * task, the wheel's entry; about 150 bytes) that the garbage collector traces on every cycle for
 * the whole 32 s. These timers take one of few durations (64·T1, T4), are armed once per
 * transaction and seldom cancelled, so the transactions armed with the same duration also expire
 * in the order they were armed: one first-in-first-out {@link Lane} per duration, 12 bytes a
 * transaction, swept by one task scheduled for the head's deadline.
 *
 * <p>A cancelled timer leaves its entry in the queue until its deadline (the transaction tells a
 * stale entry by its deadline); when a lane has no armed timer left it drops its entries and its
 * sweep, so an idle layer holds nothing. Thread-safe: a lane's lock is taken under a transaction's
 * lock, never the other way round; the sweep calls the transactions with no lane lock held.
 */
final class LingerTimers {

  private final TimerService timers;
  /** Copied on write: a handful of durations at most, so a scan beats a map. */
  private volatile Lane[] lanes = new Lane[0];

  LingerTimers(TimerService timers) {
    this.timers = timers;
  }

  /** The lane of timers that run for {@code delay}. */
  Lane lane(Duration delay) {
    long nanos = delay.toNanos();
    Lane found = find(nanos);
    return found != null ? found : addLane(nanos);
  }

  private Lane find(long nanos) {
    for (Lane lane : lanes) {
      if (lane.delayNanos == nanos) {
        return lane;
      }
    }
    return null;
  }

  private synchronized Lane addLane(long nanos) {
    Lane found = find(nanos); // another thread may have added it since the unlocked look
    if (found != null) {
      return found;
    }
    Lane[] grown = Arrays.copyOf(lanes, lanes.length + 1);
    Lane added = new Lane(nanos);
    grown[lanes.length] = added;
    lanes = grown;
    return added;
  }

  /** The transactions whose timer runs for one duration, in the order their timers were armed. */
  final class Lane {

    private static final int INITIAL_CAPACITY = 64;

    private final long delayNanos;
    /** Guarded by this: a ring of entries, {@code size} of them from {@code head}. */
    private Transaction[] transactions = new Transaction[INITIAL_CAPACITY];
    private long[] deadlines = new long[INITIAL_CAPACITY];
    private int head;
    private int size;
    /** Guarded by this: entries whose transaction has not fired nor cancelled its timer. */
    private int armed;
    /** Guarded by this: the sweep scheduled for the head's deadline, or null. */
    private Sweep sweep;

    private Lane(long delayNanos) {
      this.delayNanos = delayNanos;
    }

    /**
     * Queues {@code transaction}'s timer and returns its deadline on the service's clock, which
     * {@link Transaction#lingerExpired} is called with.
     */
    synchronized long arm(Transaction transaction) {
      long deadline = timers.nanoTime() + delayNanos;
      if (size == transactions.length) {
        grow();
      }
      int tail = (head + size) & (transactions.length - 1);
      transactions[tail] = transaction;
      deadlines[tail] = deadline;
      size++;
      armed++;
      if (sweep == null) {
        schedule(deadline - timers.nanoTime());
      }
      return deadline;
    }

    /**
     * One timer of this lane fired or was cancelled (its transaction knows, under its lock). The
     * last one lets every entry and the sweep go, and the ring shrinks back after a busy spell.
     */
    synchronized void release() {
      armed--;
      if (armed == 0) {
        transactions = new Transaction[INITIAL_CAPACITY];
        deadlines = new long[INITIAL_CAPACITY];
        head = 0;
        size = 0;
        if (sweep != null) {
          sweep.timeout.cancel();
          sweep = null;
        }
      }
    }

    private void grow() {
      int capacity = transactions.length;
      Transaction[] movedTransactions = new Transaction[capacity * 2];
      long[] movedDeadlines = new long[capacity * 2];
      for (int i = 0; i < size; i++) {
        int from = (head + i) & (capacity - 1);
        movedTransactions[i] = transactions[from];
        movedDeadlines[i] = deadlines[from];
      }
      transactions = movedTransactions;
      deadlines = movedDeadlines;
      head = 0;
    }

    /** Under this lane's lock; the service never runs a task inside schedule. */
    private void schedule(long delay) {
      Sweep next = new Sweep();
      sweep = next;
      next.timeout = timers.schedule(Duration.ofNanos(Math.max(0, delay)), next);
    }

    /** Takes the entries that are due, schedules the next sweep, then fires them unlocked. */
    private void sweep(Sweep current) {
      List<Transaction> due = new ArrayList<>();
      long[] dueDeadlines;
      synchronized (this) {
        if (sweep != current) {
          return;
        }
        sweep = null;
        long now = timers.nanoTime();
        int mask = transactions.length - 1;
        int count = 0;
        while (count < size && deadlines[(head + count) & mask] <= now) {
          count++;
        }
        dueDeadlines = new long[count];
        for (int i = 0; i < count; i++) {
          due.add(transactions[head]);
          dueDeadlines[i] = deadlines[head];
          transactions[head] = null;
          head = (head + 1) & mask;
        }
        size -= count;
        if (size > 0) {
          schedule(deadlines[head] - now);
        }
      }
      for (int i = 0; i < due.size(); i++) {
        due.get(i).lingerExpired(dueDeadlines[i]);
      }
    }

    /** One scheduled sweep; one that lost a race with a newer one finds itself replaced. */
    private final class Sweep implements Runnable {
      /** Written under the lane's lock right after scheduling. */
      private TimerService.Timeout timeout;

      @Override
      public void run() {
        sweep(this);
      }
    }
  }
}
