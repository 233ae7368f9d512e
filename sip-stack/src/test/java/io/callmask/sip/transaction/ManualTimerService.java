package io.callmask.sip.transaction;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link TimerService} driven by hand: nothing runs until {@link #advance} moves the clock, which
 * then runs every task that has come due, in order of due time (then of scheduling), including
 * tasks scheduled by those tasks. Tasks run on the caller's thread with no lock of this class held,
 * like {@link NettyTimerService}. Thread-safe for scheduling and cancelling; advance from one
 * thread at a time.
 */
public final class ManualTimerService implements TimerService {

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long nowNanos;
  private long sequence;
  private int pending;

  @Override
  public synchronized Timeout schedule(Duration delay, Runnable task) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative delay " + delay);
    }
    Task scheduled = new Task(nowNanos + delay.toNanos(), sequence++, task);
    queue.add(scheduled);
    pending++;
    return scheduled;
  }

  @Override
  public synchronized long nanoTime() {
    return nowNanos;
  }

  /** Moves the clock forward by {@code step}, running the tasks that come due on the way. */
  public void advance(Duration step) {
    long target;
    synchronized (this) {
      target = nowNanos + step.toNanos();
    }
    while (true) {
      Task due;
      synchronized (this) {
        due = pollDue(target);
        if (due == null) {
          nowNanos = target;
          return;
        }
        nowNanos = due.dueNanos;
      }
      due.task.run();
    }
  }

  private Task pollDue(long target) {
    while (true) {
      Task head = queue.peek();
      if (head == null || head.dueNanos > target) {
        return null;
      }
      queue.poll();
      if (!head.cancelled) {
        head.fired = true;
        pending--;
        return head;
      }
    }
  }

  /** Runs the tasks due now (e.g. zero-delay ones) without moving the clock. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Scheduled tasks that have neither fired nor been cancelled. */
  public synchronized int pending() {
    return pending;
  }

  /** Time since this service was created, on its own clock. */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(nowNanos);
  }

  private final class Task implements Timeout, Comparable<Task> {
    private final long dueNanos;
    private final long order;
    private final Runnable task;
    private boolean cancelled;
    private boolean fired;

    Task(long dueNanos, long order, Runnable task) {
      this.dueNanos = dueNanos;
      this.order = order;
      this.task = task;
    }

    @Override
    public void cancel() {
      synchronized (ManualTimerService.this) {
        if (!cancelled && !fired) {
          cancelled = true;
          pending--;
        }
      }
    }

    @Override
    public int compareTo(Task other) {
      int byTime = Long.compare(dueNanos, other.dueNanos);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }
}
