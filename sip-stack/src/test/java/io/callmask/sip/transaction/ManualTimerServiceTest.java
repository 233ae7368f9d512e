package io.callmask.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimerServiceTest {

  private final ManualTimerService timers = new ManualTimerService();
  private final List<String> fired = new ArrayList<>();

  @Test
  void runsDueTasksInOrderOfDueTimeThenScheduling() {
    timers.schedule(Duration.ofMillis(20), () -> fired.add("b"));
    timers.schedule(Duration.ofMillis(10), () -> fired.add("a"));
    timers.schedule(Duration.ofMillis(20), () -> fired.add("c"));
    timers.schedule(Duration.ofMillis(30), () -> fired.add("d"));

    timers.advance(Duration.ofMillis(20));

    assertThat(fired).containsExactly("a", "b", "c");
    assertThat(timers.pending()).isEqualTo(1);
    assertThat(timers.elapsed()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void runsTasksScheduledByTasksWhenTheyFallDueWithinTheSameAdvance() {
    timers.schedule(Duration.ofMillis(10), () -> {
      fired.add("first at " + timers.elapsed().toMillis());
      timers.schedule(Duration.ofMillis(5), () -> fired.add("second at " + timers.elapsed().toMillis()));
    });

    timers.advance(Duration.ofMillis(100));

    assertThat(fired).containsExactly("first at 10", "second at 15");
    assertThat(timers.pending()).isZero();
  }

  @Test
  void cancelledTasksNeverRunAndAreNotPending() {
    TimerService.Timeout timeout = timers.schedule(Duration.ofMillis(10), () -> fired.add("x"));

    timeout.cancel();
    timeout.cancel();
    timers.advance(Duration.ofSeconds(1));

    assertThat(fired).isEmpty();
    assertThat(timers.pending()).isZero();
  }
}
