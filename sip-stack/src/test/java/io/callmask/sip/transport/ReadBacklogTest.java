package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadBacklogTest {

  private static final int BURST = 4;

  private final AtomicLong now = new AtomicLong(1_000);
  private final ReadBacklog backlog = new ReadBacklog(BURST, now::get);
  private final EmbeddedChannel socket = new EmbeddedChannel(backlog);

  @Test
  void aSocketReadEmptyHasNoBacklog() {
    burst(BURST - 1);
    now.addAndGet(500_000_000);

    assertThat(backlog.ageNanos(now.get())).isZero();
  }

  @Test
  void fullBurstsMeanInputWaitingSinceTheSocketWasLastReadEmpty() {
    burst(1);
    long drained = now.get();
    now.addAndGet(10_000_000);
    burst(BURST);
    now.addAndGet(290_000_000);
    burst(BURST);

    assertThat(backlog.ageNanos(now.get())).isEqualTo(now.get() - drained);
    assertThat(backlog.ageNanos(now.get() + 5)).isEqualTo(now.get() + 5 - drained);
  }

  @Test
  void aShortBurstEndsTheBacklog() {
    burst(BURST);
    now.addAndGet(300_000_000);
    burst(2);

    assertThat(backlog.ageNanos(now.get() + 1_000)).isZero();
  }

  @Test
  void everyDatagramIsPassedOn() {
    burst(BURST + 1);

    for (int i = 0; i < BURST + 1; i++) {
      assertThat((Integer) socket.readInbound()).isEqualTo(i);
    }
  }

  @Test
  void aBurstOfOneCannotTellAFullSocket() {
    assertThatThrownBy(() -> new ReadBacklog(1, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** One read event of {@code datagrams}, as Netty's read loop delivers it. */
  private void burst(int datagrams) {
    for (int i = 0; i < datagrams; i++) {
      socket.pipeline().fireChannelRead(i);
    }
    socket.pipeline().fireChannelReadComplete();
  }
}
