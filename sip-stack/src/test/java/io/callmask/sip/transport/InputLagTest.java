package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InputLagTest {

  private final AtomicLong now = new AtomicLong(0);
  private final InputLag lag = new InputLag(now::get, () -> 0);

  @Test
  void theWorstSocketCounts() {
    EmbeddedChannel keepingUp = new EmbeddedChannel(lag.newSocket(2));
    EmbeddedChannel behind = new EmbeddedChannel(lag.newSocket(2));
    now.set(100);
    read(keepingUp, 1);
    read(behind, 2);
    now.set(700);

    assertThat(lag.worstNanos()).isEqualTo(700);
  }

  @Test
  void noSocketsAndNoLoopsIsNoLag() {
    assertThat(lag.worstNanos()).isZero();
  }

  private static void read(EmbeddedChannel socket, int datagrams) {
    for (int i = 0; i < datagrams; i++) {
      socket.pipeline().fireChannelRead(i);
    }
    socket.pipeline().fireChannelReadComplete();
  }
}
