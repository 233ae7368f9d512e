package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopLagTest {

  private static final long BLOCKED_NANOS = Duration.ofMillis(150).toNanos();

  private final EventLoopGroup group = new DefaultEventLoopGroup(2);
  private final LoopLag lag = LoopLag.probe(group);

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void aLoopBusyWithEarlierWorkShowsAsLateUntilItCatchesUp() {
    Eventually.holds(() -> lag.worstNanos() < BLOCKED_NANOS / 10, Duration.ofSeconds(5));
    CountDownLatch release = new CountDownLatch(1);
    group.next().execute(() -> awaitUninterruptibly(release));

    Eventually.holds(() -> lag.worstNanos() >= BLOCKED_NANOS, Duration.ofSeconds(5));
    release.countDown();
    Eventually.holds(() -> lag.worstNanos() < BLOCKED_NANOS / 10, Duration.ofSeconds(5));
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
