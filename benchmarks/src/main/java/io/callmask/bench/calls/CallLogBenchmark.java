package io.callmask.bench.calls;

import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.QueuedCallLog;
import io.callmask.server.store.Database;
import io.callmask.server.store.JdbcCallRecordStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * Calls per second that {@link QueuedCallLog} persists through {@link JdbcCallRecordStore} to
 * embedded H2 (issue 4: 3,000 calls/s, each recorded about three times: ringing, answered,
 * completed). One operation is one call's three snapshots, written and flushed.
 *
 * <ul>
 *   <li>{@code stagesApart}: the worst case. Each stage of a round of calls is flushed before
 *       the next stage is recorded, so no two snapshots of a call can coalesce: three writes per
 *       call (an insert and two updates), as when calls last longer than the queue waits.
 *   <li>{@code stagesTogether}: the three snapshots of each call recorded back to back, the
 *       writer running alongside, so it writes fewer records when it falls behind.
 * </ul>
 *
 * One call in twenty fails over (two attempts). {@code store} is {@code mem} (in-memory H2) or
 * {@code file} (H2 on disk, the default store of a server).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class CallLogBenchmark {

  private static final int CALLS = 1_000;
  private static final int SESSIONS = 10_000;

  @Param({"mem", "file"})
  String store;

  private Path dir;
  private Database database;
  private QueuedCallLog log;
  private List<String> sessions;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("callmask-bench-calls");
    String url = store.equals("file")
        ? "jdbc:h2:file:" + dir.resolve("callmask")
        : "jdbc:h2:mem:calls-bench;DB_CLOSE_DELAY=-1";
    database = Database.open(url, "sa", "", 4);
    log = new QueuedCallLog(new JdbcCallRecordStore(database), QueuedCallLog.Settings.DEFAULTS);
    sessions = Stream.generate(() -> UUID.randomUUID().toString()).limit(SESSIONS).toList();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    log.close();
    QueuedCallLog.Stats stats = log.stats();
    System.out.printf("%n[call log] %s: %d snapshots recorded, %d records written, %d overflowed%n",
        store, stats.recorded(), stats.written(), stats.overflowed());
    database.close();
    BenchmarkFiles.deleteTree(dir);
  }

  /** A round of calls, each stage recorded for every call and flushed before the next. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(CALLS)
  public long stagesApart() {
    List<CallRecord> started = startRound();
    started.forEach(log::record);
    log.flush();
    List<CallRecord> answered = started.stream().map(CallSnapshots::answered).toList();
    answered.forEach(log::record);
    log.flush();
    answered.stream().map(CallSnapshots::completed).forEach(log::record);
    log.flush();
    return log.stats().written();
  }

  /** A round of calls, each call's three snapshots recorded back to back, then flushed. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(CALLS)
  public long stagesTogether() {
    CallSnapshots.recordWhole(startRound(), log);
    log.flush();
    return log.stats().written();
  }

  private List<CallRecord> startRound() {
    return CallSnapshots.ringing(CALLS, sessions, () -> UUID.randomUUID().toString());
  }
}
