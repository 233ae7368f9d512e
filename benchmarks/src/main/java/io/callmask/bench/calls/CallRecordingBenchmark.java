package io.callmask.bench.calls;

import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.QueuedCallLog;
import io.callmask.server.events.CallCompletedEvents;
import io.callmask.server.events.EventRecorder;
import io.callmask.server.ids.TimeOrderedIds;
import io.callmask.server.store.Database;
import io.callmask.server.store.JdbcCallRecordStore;
import io.callmask.server.store.JdbcEventOutbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Finished calls per second the server records in embedded H2 on disk, wired as {@code
 * MaskingServer} wires it: each call's snapshots go through {@link CallCompletedEvents} to a
 * {@link QueuedCallLog} over {@link JdbcCallRecordStore} (thread {@code call-records}), and its
 * final snapshot becomes a {@code call.completed} event appended by {@link EventRecorder} to the
 * {@link JdbcEventOutbox} (thread {@code call-events}). One operation is one call: its ringing,
 * answered and completed snapshots recorded back to back, written and its event stored.
 *
 * <p>Run it with {@code -prof io.callmask.bench.masking.CpuPerOperation}: {@code cpu.process}
 * is the CPU the whole JVM spent per call (both writer threads, H2's serializer and background
 * writer, GC), the figure that decides how many calls a small machine records; throughput on a
 * shared machine mostly measures the neighbours. The store is filled with {@code prefill} calls
 * first, so that the indexes are as large as after a while of traffic, not empty.
 *
 * <p>Measured (2-core machine shared with other benchmarks; 3 x 10 s, so single figures are
 * noisy, pairs run back to back): random ids, three statements an event and six B-trees on
 * events cost 382-450 us of CPU per call at 2,000-4,400 calls/s; a batch raising each stream's
 * counter once and inserting as one JDBC batch, with time-ordered ids: 290 us; V11's two fewer
 * indexes: 168-178 us at about 10,000 calls/s. What is left is mostly H2 rewriting the pages
 * that inserts keyed by a session (random) dirtied: the calls' session index, the events'
 * stream index and the stream counters. H2 rewriting partly dead file chunks at {@code
 * AUTO_COMPACT_FILL_RATE} 50 instead of its 90 ({@code Database} sets 50; pass {@code -p
 * h2Options=;AUTO_COMPACT_FILL_RATE=90} for the old one), three rounds of pairs: 158-241 us with
 * 90, 170-226 us with 50, within the noise at this flat-out rate (4,500-11,300 calls/s); the store
 * grew to 8-9 kB a call either way (3-6 GB; H2 never overwrites the last 45 s of writes). The
 * gain shows at the server's rate (a paced run of 300,000 calls at 1,000 calls/s, 90 and 50 side
 * by side): H2's background writer 9 instead of 20 us a call, the whole JVM 266 instead of 282.
 *
 * <p>At the server's rate ({@code -p rate=1000 -prof io.callmask.bench.calls.WriterThreadsCpu},
 * prefill 100,000, two runs of each alternating, the figures of their iterations): the {@code
 * call-events} thread spent 83-96 us a call when each event was a transaction of its own, 45-50
 * us with events gathered 100 ms per transaction; {@code call-records} 32-40 us when a call's
 * first write ran an update that found no row before its insert, 26-28 us inserting at once. The
 * whole JVM: 219-353 us a call before, 164-252 us after. Flat out (rate 0, two pairs, the
 * second on a machine loaded by other builds) the whole JVM stayed within the noise (151-183 and
 * 247-324 us before, 165-175 and 290-658 after), but {@code call-events} spent more a call after
 * (31-36 and 49-56 us before, 41-44 and 60-105 after), which these runs do not explain.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class CallRecordingBenchmark {

  private static final int CALLS = 1_000;
  private static final int SESSIONS = 10_000;

  /** Calls recorded before the measurement starts. */
  @Param({"200000"})
  int prefill;

  /**
   * Calls a second the measured rounds record; 0 records each round at once. At the server's
   * rate (e.g. 1,000) its writer threads find few calls waiting each time they wake, as in a
   * running server, where a flat-out round hands them large batches.
   */
  @Param({"0"})
  int rate;

  /** Appended to the store's URL, to try H2 settings, e.g. {@code ;CACHE_SIZE=65536}. */
  @Param({""})
  String h2Options;

  private Path dir;
  private Database database;
  private QueuedCallLog log;
  private CallCompletedEvents recorded;
  private ScheduledExecutorService callEvents;
  /** One permit per event the outbox stored. */
  private final Semaphore eventsStored = new Semaphore(0);
  private List<String> sessions;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("callmask-bench-recording");
    database = Database.open("jdbc:h2:file:" + dir.resolve("callmask") + h2Options, "sa", "",
        16);
    log = new QueuedCallLog(new JdbcCallRecordStore(database), QueuedCallLog.Settings.DEFAULTS);
    callEvents =
        Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "call-events"));
    CountingOutbox outbox = new CountingOutbox(new JdbcEventOutbox(database), eventsStored);
    EventRecorder events = new EventRecorder(outbox, Clock.systemUTC(), () -> { });
    // as MaskingServer gathers them
    recorded = new CallCompletedEvents(log, events, callEvents, Duration.ofMillis(100));
    sessions = Stream.generate(() -> UUID.randomUUID().toString()).limit(SESSIONS).toList();
    for (int done = 0; done < prefill; done += CALLS) {
      round();
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException, InterruptedException {
    callEvents.shutdown();
    callEvents.awaitTermination(10, TimeUnit.SECONDS);
    log.close();
    QueuedCallLog.Stats stats = log.stats();
    long bytes;
    try (Stream<Path> files = Files.list(dir)) {
      bytes = files.mapToLong(file -> file.toFile().length()).sum();
    }
    System.out.printf("%n[recording] %d snapshots recorded, %d records written, store %d MB%n",
        stats.recorded(), stats.written(), bytes >> 20);
    database.close();
    BenchmarkFiles.deleteTree(dir);
  }

  /** A round of calls recorded as call control records them, written, their events stored. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(CALLS)
  public long recordFinishedCalls() {
    return rate > 0 ? pacedRound() : round();
  }

  /** A round of calls recorded in steps of a hundredth of {@link #rate}, 10 ms apart. */
  private long pacedRound() {
    List<CallRecord> calls = startRound();
    int step = Math.max(1, rate / 100);
    long next = System.nanoTime();
    for (int from = 0; from < calls.size(); from += step) {
      CallSnapshots.recordWhole(calls.subList(from, Math.min(calls.size(), from + step)),
          recorded);
      next += TimeUnit.MILLISECONDS.toNanos(10);
      LockSupport.parkNanos(next - System.nanoTime());
    }
    log.flush();
    eventsStored.acquireUninterruptibly(CALLS);
    return log.stats().written();
  }

  private long round() {
    CallSnapshots.recordWhole(startRound(), recorded);
    log.flush();
    eventsStored.acquireUninterruptibly(CALLS);
    return log.stats().written();
  }

  private List<CallRecord> startRound() {
    return CallSnapshots.ringing(CALLS, sessions, TimeOrderedIds.system()::next);
  }
}
