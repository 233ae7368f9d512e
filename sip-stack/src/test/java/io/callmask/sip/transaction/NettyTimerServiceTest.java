package io.callmask.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real-time checks, waiting on latches (bounded), never sleeping. */
class NettyTimerServiceTest {

  private final NettyTimerService timers = new NettyTimerService(Duration.ofMillis(1));

  @AfterEach
  void stop() {
    timers.close();
  }

  @Test
  void runsAScheduledTaskOnTheTimerThread() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    String[] thread = new String[1];

    timers.schedule(Duration.ofMillis(5), () -> {
      thread[0] = Thread.currentThread().getName();
      ran.countDown();
    });

    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(thread[0]).startsWith("sip-timers");
  }

  @Test
  void aCancelledTaskNeverRuns() throws InterruptedException {
    AtomicBoolean cancelledRan = new AtomicBoolean();
    CountDownLatch later = new CountDownLatch(1);

    timers.schedule(Duration.ofMillis(20), () -> cancelledRan.set(true)).cancel();
    timers.schedule(Duration.ofMillis(60), later::countDown);

    assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(cancelledRan).isFalse();
  }

  @Test
  void aFailingTaskDoesNotStopLaterOnes() throws InterruptedException {
    CountDownLatch later = new CountDownLatch(1);

    timers.schedule(Duration.ofMillis(1), () -> {
      throw new IllegalStateException("task bug");
    });
    timers.schedule(Duration.ofMillis(20), later::countDown);

    assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
