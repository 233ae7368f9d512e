package io.callmask.server.threads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server's background threads a few nice levels below the rest of the process, so that
 * a SIP thread that wakes with a message takes the core at once instead of waiting for a batch of
 * call records, events or the store's page writes to use up its time slice. Background work is
 * queued and batched anyway; a few milliseconds later costs it nothing, while the SIP threads'
 * delay is the ringing latency a caller hears. On two cores at 1,000 calls/s, five alternating
 * pairs (the storage threads lowered by 10 from outside the server): INVITE→180 added p99 3.4–5.6
 * ms (median 4.1) against 5.2–11.3 ms (median 6.0), max 8–18 against 10–35 ms, lower in every pair.
 * Past saturation it changes nothing: the cores are full either way (3,000/s: 63,316 against
 * 63,815 of 90,000 completed).
 *
 * <p>The threads are found by name among the process's tasks ({@code /proc/self/task/TID/comm},
 * the first 15 characters of a Java thread's name), the store's own (H2's) included, which the
 * server does not create. {@link #lowerNew} runs at start and then periodically, since executors
 * start their threads on first use. A thread is only ever lowered, to the process's own nice value
 * plus the configured steps, never raised (a thread started by a background thread inherits its
 * value already). Thread-safe.
 */
public final class BackgroundPriority {

  private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
  /** The lowest priority Linux has. */
  public static final int MAX_NICE = 19;
  /**
   * Name prefixes of background threads, as {@code comm} shows them: call records, call.completed
   * events, call policies, housekeeping, webhook delivery, H2's page serialisation and saving, and
   * its background writer ({@code MVStore background writer ...}).
   */
  static final List<String> BACKGROUND = List.of("call-records", "call-events", "call-policy",
      "housekeeping", "webhook-", "H2-", "MVStore ");

  private final Path process;
  private final int target;
  private final Renicer renicer;
  private final Set<Integer> lowered = new HashSet<>();
  private boolean failureReported;

  /**
   * Over the process directory {@code process} ({@code /proc/self}: {@code stat} and {@code
   * task/}), lowering background threads to the process's nice value plus {@code steps}.
   */
  BackgroundPriority(Path process, int steps, Renicer renicer) throws IOException {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1");
    }
    this.process = process;
    this.target = Math.min(MAX_NICE, niceOf(process.resolve("stat")) + steps);
    this.renicer = renicer;
  }

  /**
   * For this process, or empty when {@code steps} is 0 or nice values cannot be set here (the log
   * says why).
   */
  public static Optional<BackgroundPriority> forThisProcess(int steps) {
    if (steps == 0) {
      return Optional.empty();
    }
    Path self = Path.of("/proc/self");
    Optional<LinuxRenicer> renicer = LinuxRenicer.load(why -> log.warn(
        "background threads keep the SIP threads' priority: {}", why));
    if (renicer.isEmpty()) {
      return Optional.empty();
    }
    try {
      BackgroundPriority priority = new BackgroundPriority(self, steps, renicer.get());
      log.info("background threads run at nice {}", priority.target);
      return Optional.of(priority);
    } catch (IOException | RuntimeException e) {
      log.warn("background threads keep the SIP threads' priority: {} unreadable: {}", self, e
          .toString());
      return Optional.empty();
    }
  }

  /** The nice value background threads get. */
  int target() {
    return target;
  }

  /** Lowers the background threads not lowered before; returns how many it lowered now. */
  public synchronized int lowerNew() {
    Set<Integer> present = new HashSet<>();
    int count = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"))) {
      for (Path task : tasks) {
        int tid = Integer.parseInt(task.getFileName().toString());
        present.add(tid);
        if (!lowered.contains(tid) && lower(task, tid)) {
          lowered.add(tid);
          count++;
        }
      }
    } catch (IOException | RuntimeException e) {
      reportOnce("cannot list the process's threads: " + e);
    }
    // A thread that ended frees its id for a new thread, which must be judged anew.
    lowered.retainAll(present);
    return count;
  }

  /** Lowers {@code task} if it is a background thread above the target; true when it is done. */
  private boolean lower(Path task, int tid) {
    try {
      String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
      if (BACKGROUND.stream().noneMatch(name::startsWith)) {
        return false;
      }
      if (niceOf(task.resolve("stat")) < target) {
        renicer.setNice(tid, target);
      }
      return true;
    } catch (NoSuchFileException e) {
      return false; // the thread ended meanwhile
    } catch (IOException | RuntimeException e) {
      reportOnce("cannot lower thread " + tid + ": " + e.getMessage());
      return false;
    }
  }

  /**
   * The nice value in a {@code stat} file ({@code proc(5)}: field 19; the name in field 2 is in
   * parentheses and may hold spaces, so fields are counted after its closing one).
   */
  static int niceOf(Path stat) throws IOException {
    String line = Files.readString(stat, StandardCharsets.US_ASCII);
    String[] afterName = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
    return Integer.parseInt(afterName[19 - 3]);
  }

  private void reportOnce(String what) {
    if (!failureReported) {
      failureReported = true;
      log.warn("background threads may keep the SIP threads' priority: {}", what);
    }
  }
}
