package io.callmask.sip.transaction;

import io.netty.util.HashedWheelTimer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transaction timers on Netty's {@link HashedWheelTimer}: O(1) to schedule and cancel, which
 * suits the many short-lived timers of SIP transactions; precision is one tick (10 ms by default,
 * far below T1). Tasks run on one daemon thread, never inside {@link #schedule}, and no lock is held
 * while they run. Thread-safe.
 */
public final class NettyTimerService implements TimerService, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NettyTimerService.class);
  private static final Duration DEFAULT_TICK = Duration.ofMillis(10);
  private static final int WHEEL_SIZE = 1024;

  private final HashedWheelTimer wheel;

  public NettyTimerService() {
    this(DEFAULT_TICK);
  }

  public NettyTimerService(Duration tick) {
    wheel = new HashedWheelTimer(
        new DefaultThreadFactory("sip-timers", true),
        tick.toNanos(), TimeUnit.NANOSECONDS, WHEEL_SIZE);
  }

  @Override
  public Timeout schedule(Duration delay, Runnable task) {
    Scheduled scheduled = new Scheduled(task);
    scheduled.wheelTimeout = wheel.newTimeout(scheduled, delay.toNanos(), TimeUnit.NANOSECONDS);
    return scheduled;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  /**
   * A task on the wheel and its handle in one object: every INVITE keeps a timer scheduled for
   * seconds (B, then C, up to minutes), so every object per timer is one more for the collector
   * to trace. (A finished transaction's last timer waits in {@link LingerTimers} instead.)
   */
  private static final class Scheduled implements TimerTask, Timeout {
    private final Runnable task;
    /** Set by {@link #schedule} before the caller can see this object. */
    private io.netty.util.Timeout wheelTimeout;

    Scheduled(Runnable task) {
      this.task = task;
    }

    @Override
    public void run(io.netty.util.Timeout ignored) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("timer task failed", e);
      }
    }

    @Override
    public void cancel() {
      wheelTimeout.cancel();
    }
  }

  /** Stops the timer thread; pending tasks never run. */
  @Override
  public void close() {
    wheel.stop();
  }
}
