package io.callmask.server.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An executor that runs nothing by itself: tests run the due tasks and move time by hand, so no
 * test sleeps. Supports {@code execute} and one-shot {@code schedule}. Not thread-safe.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

  private final List<Task> tasks = new ArrayList<>();
  private long nowMillis;
  private boolean shutdown;

  /** A queued task, due at {@code dueMillis}. */
  private final class Task extends FutureTask<Object> implements ScheduledFuture<Object> {
    final long dueMillis;

    Task(Runnable runnable, long dueMillis) {
      super(runnable, null);
      this.dueMillis = dueMillis;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueMillis - nowMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
    }
  }

  /** Runs every task due now, including those they queue for now; returns how many ran. */
  int runDue() {
    int ran = 0;
    Task next;
    while ((next = nextDue()) != null) {
      tasks.remove(next);
      next.run();
      ran++;
    }
    return ran;
  }

  /** Moves time on by {@code duration}, then runs what is due. */
  int advance(Duration duration) {
    nowMillis += duration.toMillis();
    return runDue();
  }

  /** The scheduler's clock, in nanoseconds: it moves only with {@link #advance}. */
  long nanoTime() {
    return TimeUnit.MILLISECONDS.toNanos(nowMillis);
  }

  /** Delays of the queued tasks from now, in milliseconds, soonest first. */
  List<Long> queuedDelaysMillis() {
    return tasks.stream().map(t -> t.dueMillis - nowMillis).sorted().toList();
  }

  private Task nextDue() {
    return tasks.stream()
        .filter(t -> t.dueMillis <= nowMillis && !t.isCancelled())
        .min(Comparator.comparingLong(t -> t.dueMillis))
        .orElse(null);
  }

  private Task add(Runnable command, long delayMillis) {
    if (shutdown) {
      throw new RejectedExecutionException("shut down");
    }
    Task task = new Task(command, nowMillis + delayMillis);
    tasks.add(task);
    return task;
  }

  @Override
  public void execute(Runnable command) {
    add(command, 0);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(command, unit.toMillis(delay));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable c, long i, long p, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable c, long i, long d, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = new ArrayList<>(tasks);
    tasks.clear();
    return left;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
