package io.callmask.bench.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The codec's throughput per second of CPU time of the thread running it, for a machine shared
 * with other work, where {@link CodecBenchmark}'s wall-clock figures mostly measure the neighbours
 * (on two busy cores they swung by ±30%). Runs the benchmark's own operations on its own INVITEs:
 * a warm-up, then rounds timed with the thread's CPU clock, and prints the median and range. Work
 * done off the thread (garbage collection) is not counted, so compare with JMH on a quiet machine.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.callmask.bench.codec.CodecCpuTime [decodeAndEncode|decode|encode|outbound]}; {@code
 * outbound} is {@link OutboundEncodeBenchmark#encode}.
 */
public final class CodecCpuTime {

  private static final int WARM_UP = 300_000;
  private static final int ROUNDS = 15;
  private static final int PER_ROUND = 40_000;

  private CodecCpuTime() {}

  private static IntSupplier outboundEncode() {
    OutboundEncodeBenchmark outbound = new OutboundEncodeBenchmark();
    try {
      outbound.setUp();
    } catch (Exception e) {
      throw new IllegalStateException("outbound messages do not build", e);
    }
    return outbound::encode;
  }

  public static void main(String[] args) {
    String operation = args.length > 0 ? args[0] : "decodeAndEncode";
    CodecBenchmark benchmark = new CodecBenchmark();
    benchmark.setUp();
    IntSupplier run = switch (operation) {
      case "decode" -> () -> benchmark.decode().hashCode();
      case "encode" -> benchmark::encode;
      case "decodeAndEncode" -> benchmark::decodeAndEncode;
      case "outbound" -> outboundEncode();
      default -> throw new IllegalArgumentException("unknown operation: " + operation);
    };
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int i = 0; i < WARM_UP; i++) {
      sink += run.getAsInt();
    }
    double[] rates = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < PER_ROUND; i++) {
        sink += run.getAsInt();
      }
      rates[round] = PER_ROUND * 1e9 / (threads.getCurrentThreadCpuTime() - start);
    }
    benchmark.tearDown();
    Arrays.sort(rates);
    // The sink's parity is printed so that the work cannot be optimised away.
    System.out.printf(Locale.ROOT, "%s: median %.0f ops per CPU-second (range %.0f to %.0f)%s%n",
        operation, rates[ROUNDS / 2], rates[0], rates[ROUNDS - 1], (sink & 1) == 0 ? "" : " ");
  }
}
