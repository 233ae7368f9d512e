package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InputLagTest {

  private final AtomicLong loops = new AtomicLong();
  private final AtomicLong datagrams = new AtomicLong();
  private final InputLag lag = new InputLag(loops::get, datagrams::get);

  @Test
  void theWorseOfLoopsAndDatagramsCounts() {
    loops.set(300);
    datagrams.set(700);
    assertThat(lag.worstNanos()).isEqualTo(700);

    loops.set(900);
    assertThat(lag.worstNanos()).isEqualTo(900);
  }

  @Test
  void keepingUpIsNoLag() {
    assertThat(lag.worstNanos()).isZero();
  }
}
