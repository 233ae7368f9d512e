package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallWorkersTest {

  private final EventLoopGroup group = new DefaultEventLoopGroup(2);
  private final CallWorkers workers = CallWorkers.of(group);

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void aCallsMessagesAreHandledOnOneThreadInTheirOrder() throws Exception {
    List<Integer> order = new ArrayList<>();
    Set<Thread> threads = new HashSet<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      workers.run("call-1@192.0.2.7", () -> {
        order.add(n);
        threads.add(Thread.currentThread());
        if (n == 99) {
          done.complete(null);
        }
      });
    }
    done.get(5, TimeUnit.SECONDS);
    assertThat(threads).hasSize(1);
    assertThat(order).hasSize(100).isSorted();
  }

  @Test
  void callsAreSpreadOverEveryLoop() throws Exception {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      CompletableFuture<Void> handled = new CompletableFuture<>();
      all.add(handled);
      workers.run("call-" + i + "@192.0.2.7", () -> {
        threads.add(Thread.currentThread());
        handled.complete(null);
      });
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    assertThat(threads).hasSize(2);
  }

  @Test
  void aMessageForTheCurrentLoopRunsAtOnce() throws Exception {
    String callId = "call-7@192.0.2.7";
    CompletableFuture<Boolean> ranInline = new CompletableFuture<>();
    workers.run(callId, () -> {
      boolean[] ran = new boolean[1];
      workers.run(callId, () -> ran[0] = true);
      ranInline.complete(ran[0]);
    });
    assertThat(ranInline.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void withoutLoopsOrCallIdTheCallerRunsIt() {
    Thread caller = Thread.currentThread();
    Thread[] ranOn = new Thread[2];
    CallWorkers.inline().run("call-1@192.0.2.7", () -> ranOn[0] = Thread.currentThread());
    workers.run(null, () -> ranOn[1] = Thread.currentThread());
    assertThat(ranOn).containsOnly(caller);
  }

  @Test
  void stoppedLoopsRefuseWork() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThatThrownBy(() -> workers.run("call-1@192.0.2.7", () -> { }))
        .isInstanceOf(RejectedExecutionException.class);
  }
}
