package io.callmask.server.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BackgroundPriority} over a process directory laid out as {@code /proc/self} is. */
class BackgroundPriorityTest {

  @TempDir Path process;
  /** What the fake renicer was asked: thread id to nice value, in order. */
  private final Map<Integer, Integer> set = new LinkedHashMap<>();
  private final Renicer recording = (tid, nice) -> set.put(tid, nice);

  @Test
  void lowersOnlyBackgroundThreadsToTheProcessNicePlusSteps() throws IOException {
    processNice(0);
    thread(101, "call-records", 0);
    thread(102, "sip-io-6-1", 0);
    thread(103, "H2-serializatio", 0);
    thread(104, "MVStore backgro", 0);
    thread(105, "call-events-3-1", 0);
    thread(106, "route-lookup-2-", 0);

    int lowered = new BackgroundPriority(process, 10, recording).lowerNew();

    assertThat(lowered).isEqualTo(4);
    assertThat(set).containsOnly(Map.entry(101, 10), Map.entry(103, 10), Map.entry(104, 10),
        Map.entry(105, 10));
  }

  @Test
  void aLaterPassLowersOnlyThreadsStartedSince() throws IOException {
    processNice(0);
    thread(101, "call-records", 0);
    BackgroundPriority priority = new BackgroundPriority(process, 10, recording);
    priority.lowerNew();
    thread(107, "housekeeping-7-", 0);

    int lowered = priority.lowerNew();

    assertThat(lowered).isEqualTo(1);
    assertThat(set).containsOnlyKeys(101, 107);
  }

  @Test
  void neverRaisesAThreadAlreadyAtOrBelowTheTarget() throws IOException {
    processNice(0);
    thread(101, "call-records", 15);
    thread(102, "call-events-3-1", 10);

    int lowered = new BackgroundPriority(process, 10, recording).lowerNew();

    assertThat(lowered).isEqualTo(2);
    assertThat(set).isEmpty();
  }

  @Test
  void theTargetIsRelativeToTheProcessAndCappedAtNineteen() throws IOException {
    processNice(5);
    assertThat(new BackgroundPriority(process, 10, recording).target()).isEqualTo(15);
    processNice(15);
    assertThat(new BackgroundPriority(process, 10, recording).target()).isEqualTo(19);
  }

  @Test
  void aThreadIdFreedAndReusedIsJudgedAgain() throws IOException {
    processNice(0);
    thread(101, "call-records", 0);
    BackgroundPriority priority = new BackgroundPriority(process, 10, recording);
    priority.lowerNew();
    deleteThread(101);
    priority.lowerNew();
    thread(101, "webhook-send-4-", 0);
    set.clear();

    assertThat(priority.lowerNew()).isEqualTo(1);
    assertThat(set).containsExactly(Map.entry(101, 10));
  }

  @Test
  void aRefusalLeavesTheOtherThreadsLoweredAndTheThreadIsTriedAgain() throws IOException {
    processNice(0);
    thread(101, "call-records", 0);
    thread(102, "call-events-3-1", 0);
    Set<Integer> refused = new HashSet<>(Set.of(101));
    BackgroundPriority priority = new BackgroundPriority(process, 10, (tid, nice) -> {
      if (refused.contains(tid)) {
        throw new IllegalStateException("setpriority failed, errno 13");
      }
      set.put(tid, nice);
    });

    assertThat(priority.lowerNew()).isEqualTo(1);
    refused.clear();
    assertThat(priority.lowerNew()).isEqualTo(1);
    assertThat(set).containsOnly(Map.entry(101, 10), Map.entry(102, 10));
  }

  @Test
  void readsTheNiceValueAfterANameHoldingSpacesAndParentheses() throws IOException {
    Path stat = process.resolve("stat");
    Files.writeString(stat, "4242 (MVStore (bg) 1) S 1 1 1 0 -1 4194560 0 0 0 0 7 3 0 0 30 10"
        + " 1 0 100\n");
    assertThat(BackgroundPriority.niceOf(stat)).isEqualTo(10);
  }

  private void processNice(int nice) throws IOException {
    Files.writeString(process.resolve("stat"), stat(1, "java", nice));
  }

  private void thread(int tid, String comm, int nice) throws IOException {
    Path task = Files.createDirectories(process.resolve("task").resolve(Integer.toString(tid)));
    Files.writeString(task.resolve("comm"), comm + "\n");
    Files.writeString(task.resolve("stat"), stat(tid, comm, nice));
  }

  private void deleteThread(int tid) throws IOException {
    Path task = process.resolve("task").resolve(Integer.toString(tid));
    Files.delete(task.resolve("comm"));
    Files.delete(task.resolve("stat"));
    Files.delete(task);
  }

  /** A {@code stat} line as proc(5) lays it out; only the name and field 19 (nice) matter here. */
  private static String stat(int tid, String comm, int nice) {
    return tid + " (" + comm + ") S 1 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 " + (20 + nice) + " " + nice
        + " 1 0 100\n";
  }
}
