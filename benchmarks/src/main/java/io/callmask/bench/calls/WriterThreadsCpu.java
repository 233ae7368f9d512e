package io.callmask.bench.calls;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof io.callmask.bench.calls.WriterThreadsCpu}) reporting the CPU time
 * per operation of the two threads that persist finished calls, as a server names them: {@code
 * cpu.call-records} (the call log's writer) and {@code cpu.call-events} (call.completed events).
 * Thread CPU time is what the threads themselves ran, so it is steadier than the whole process's
 * on a shared machine (the garbage collector and H2's background writer are left out; {@code
 * io.callmask.bench.masking.CpuPerOperation} counts them). A thread not alive at both ends of an
 * iteration gives no figure. JMH tears a trial's store down (and its writers with it) before the
 * last iteration's profilers report, so that iteration's figure is missing or zero: ignore it.
 * Used by one JMH fork, from its iteration thread; not thread-safe.
 */
public final class WriterThreadsCpu implements InternalProfiler {

  private static final List<String> THREADS = List.of("call-records", "call-events");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<String, Long> start = Map.of();

  @Override
  public String getDescription() {
    return "CPU time per operation of the call-records and call-events threads";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    start = cpuByThread();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long operations = Math.max(1, result.getMetadata().getAllOps());
    Map<String, Long> end = cpuByThread();
    return THREADS.stream()
        .filter(name -> start.containsKey(name) && end.containsKey(name))
        .map(name -> new ScalarResult("cpu." + name,
            (end.get(name) - start.get(name)) / 1e3 / operations, "us/op", AggregationPolicy.AVG))
        .toList();
  }

  /**
   * CPU time of the live threads of each name in {@link #THREADS}. A writer thread lives as long
   * as its benchmark's store, so the difference over one iteration is what it spent in it.
   */
  private Map<String, Long> cpuByThread() {
    Map<String, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      if (info != null && THREADS.contains(info.getThreadName())) {
        cpu.merge(info.getThreadName(), Math.max(0, threads.getThreadCpuTime(id)), Long::sum);
      }
    }
    return cpu;
  }
}
