package io.callmask.server.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@link BackgroundPriority} on this JVM's own threads, through the real C library. */
@EnabledOnOs(OS.LINUX)
class BackgroundPriorityOnLinuxTest {

  private static final Path SELF = Path.of("/proc/self");

  @Test
  void lowersARunningBackgroundThreadAndLeavesTheOthers() throws Exception {
    CountDownLatch end = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(2);
    Thread background = waiting("call-records-test", started, end);
    Thread sip = waiting("sip-io-test", started, end);
    started.await();
    int processNice = BackgroundPriority.niceOf(SELF.resolve("stat"));
    try {
      BackgroundPriority priority = BackgroundPriority.forThisProcess(3).orElseThrow();

      assertThat(priority.lowerNew()).isPositive();

      assertThat(niceOfThread("call-records-te")).isEqualTo(Math.min(19, processNice + 3));
      assertThat(niceOfThread("sip-io-test")).isEqualTo(processNice);
    } finally {
      end.countDown();
      background.join();
      sip.join();
    }
  }

  @Test
  void zeroStepsLowersNothing() {
    assertThat(BackgroundPriority.forThisProcess(0)).isEmpty();
  }

  private static Thread waiting(String name, CountDownLatch started, CountDownLatch end) {
    Thread thread = new Thread(() -> {
      started.countDown();
      try {
        end.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    thread.start();
    return thread;
  }

  /** The nice value of this process's thread whose comm is {@code comm}. */
  private static int niceOfThread(String comm) throws IOException {
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(SELF.resolve("task"))) {
      for (Path task : tasks) {
        if (Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip().equals(comm)) {
          return BackgroundPriority.niceOf(task.resolve("stat"));
        }
      }
    }
    throw new AssertionError("no thread named " + comm);
  }
}
