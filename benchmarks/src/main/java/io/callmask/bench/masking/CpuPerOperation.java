package io.callmask.bench.masking;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof io.callmask.bench.masking.CpuPerOperation}) reporting the CPU time
 * one operation costs: {@code cpu.process} counts the whole benchmark JVM (garbage collection, the
 * JIT and any recording included), {@code cpu.workers} only the benchmark's worker threads. On a
 * machine shared with other work, wall-clock throughput mostly measures the neighbours (measured:
 * one run went from 675 to 2,460 creates/s between iterations); CPU time per operation does not.
 * Used by one JMH fork, from its iteration thread; not thread-safe.
 */
public final class CpuPerOperation implements InternalProfiler {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long processStart;
  private long workersStart;

  @Override
  public String getDescription() {
    return "CPU time per operation: whole JVM and worker threads";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    processStart = os.getProcessCpuTime();
    workersStart = workerCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long operations = Math.max(1, result.getMetadata().getAllOps());
    double process = (os.getProcessCpuTime() - processStart) / 1e3 / operations;
    double workers = (workerCpuTime() - workersStart) / 1e3 / operations;
    return List.of(
        new ScalarResult("cpu.process", process, "us/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.workers", workers, "us/op", AggregationPolicy.AVG));
  }

  /**
   * CPU time of the live JMH worker threads. JMH keeps its workers across iterations of a fork,
   * so the difference over one iteration is what they spent in it.
   */
  private long workerCpuTime() {
    long total = 0;
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        total += Math.max(0, threads.getThreadCpuTime(id));
      }
    }
    return total;
  }
}
