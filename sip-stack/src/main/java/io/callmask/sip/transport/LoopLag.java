package io.callmask.sip.transport;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How late the SIP event loops run their queued work: each loop runs a probe every {@link
 * #INTERVAL}, and the probe's delay past its due time is that loop's lag; the worst loop counts.
 *
 * <p>Every message of a call passes through an event loop's queue (handed to the loop of its
 * Call-ID, and every send is queued on its socket's loop), so when the loops fall behind their
 * input, their queues, and this lag, grow with it. A probe still waiting past its due time counts
 * as late already, so that a stalled loop (a long pause, a stopped process) shows at once rather
 * than when it runs again.
 *
 * <p>Thread-safe: each probe's fields are written by its loop and read by any thread.
 */
final class LoopLag {

  /** Often enough to see a backlog within a few of them; cheap enough to be free. */
  static final Duration INTERVAL = Duration.ofMillis(20);

  private final List<Probe> probes;

  private LoopLag(List<Probe> probes) {
    this.probes = List.copyOf(probes);
  }

  /** Starts probing every loop of {@code group}; the probes end when the group shuts down. */
  static LoopLag probe(EventExecutorGroup group) {
    List<Probe> probes = new ArrayList<>();
    for (EventExecutor loop : group) {
      Probe probe = new Probe(loop);
      probes.add(probe);
      probe.schedule();
    }
    return new LoopLag(probes);
  }

  /** The worst loop's lag now, in nanoseconds; 0 when every loop keeps up. */
  long worstNanos() {
    long now = System.nanoTime();
    long worst = 0;
    for (Probe probe : probes) {
      worst = Math.max(worst, probe.clock.lagNanos(now));
    }
    return worst;
  }

  /** One loop's probe: runs itself again {@link #INTERVAL} after each run. */
  private static final class Probe implements Runnable {

    private final EventExecutor loop;
    private final LagClock clock = new LagClock();

    Probe(EventExecutor loop) {
      this.loop = loop;
    }

    void schedule() {
      long interval = INTERVAL.toNanos();
      clock.due(System.nanoTime() + interval);
      try {
        loop.schedule(this, interval, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        clock.stopped();
      }
    }

    @Override
    public void run() {
      clock.ran(System.nanoTime());
      if (!loop.isShuttingDown()) {
        schedule();
      }
    }
  }
}
