package io.callmask.server.metrics;

import io.callmask.server.call.TrunkMonitor;
import io.callmask.server.call.TrunkState;
import io.callmask.server.calls.QueuedCallLog;
import io.callmask.server.call.CallController;
import io.callmask.server.call.CallCounters;
import io.callmask.sip.transaction.TransactionLayer;
import io.callmask.sip.transport.NettySipTransport;
import io.callmask.sip.transport.TransportCounters;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.DoubleSupplier;

/**
 * The server's metrics registry. Its own registry (not the client's global default), so that two
 * servers in one JVM, as in tests, never share counters. Thread-safe.
 */
public final class ServerMetrics {

  /** The exposition format's content type, for the HTTP response. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);

  /** Registers the SIP stack's counters and gauges, and the JVM's and the process's own. */
  public ServerMetrics(NettySipTransport transport, TransactionLayer transactions) {
    registerRuntime();
    TransportCounters counters = transport.counters();
    counter("callmask_sip_messages_received", "Valid SIP messages received", counters::received);
    counter("callmask_sip_malformed", "Malformed SIP input received", counters::malformed);
    counter("callmask_sip_rejected", "Malformed SIP requests answered 400", counters::rejected);
    counter("callmask_sip_dropped", "SIP input dropped without an answer", counters::dropped);
    counter("callmask_sip_send_failures", "SIP sends that failed", counters::sendFailures);
    counter("callmask_sip_retransmissions",
        "SIP requests and responses sent again because no answer came in time",
        transactions::retransmissions);
    gauge("callmask_sip_transactions", "Live SIP transactions", transactions::size);
    gauge("callmask_sip_tcp_connections", "Open SIP TCP connections", transport::openConnections);
    gauge("callmask_sip_input_lag_seconds",
        "How far behind its SIP input the server is: event loop lag or socket backlog, the worse",
        () -> transport.inputLag().toNanos() / 1e9);
  }

  /**
   * The client's standard JVM and process metrics: CPU seconds and resident memory ({@code
   * process_*}), heap and direct buffers (Netty's), bytes allocated, collector time, threads, and
   * the JIT compiler's time ({@code jvm_compilation_time_seconds_total}), which tells when a
   * freshly started server has compiled its hot code: on two cores that takes minutes at load.
   * Registered one by one because {@code JvmMetrics.register} keeps every registry it was given
   * in a static set, which would keep each stopped server's registry (and all its callbacks
   * reach) for the life of the JVM.
   */
  private void registerRuntime() {
    ProcessMetrics.builder().register(registry);
    JvmRuntimeInfoMetric.builder().register(registry);
    JvmMemoryMetrics.builder().register(registry);
    JvmBufferPoolMetrics.builder().register(registry);
    JvmMemoryPoolAllocationMetrics.builder().register(registry);
    JvmGarbageCollectorMetrics.builder().register(registry);
    JvmThreadsMetrics.builder().register(registry);
    JvmCompilationMetrics.builder().register(registry);
  }

  /**
   * Registers {@code callmask_trunk_up{trunk="..."}}: 1 while the trunk's gateway answers its
   * OPTIONS probes, 0 while it is down. Trunks not probed yet (or with probing off) have no
   * sample: an unknown state is neither, and alerts on {@code == 0} must not fire for it.
   */
  public void trunks(TrunkMonitor monitor) {
    GaugeWithCallback.builder()
        .name("callmask_trunk_up")
        .help("1 while a trunk's gateway answers OPTIONS probes, 0 while it is down")
        .labelNames("trunk")
        .callback(callback -> monitor.states().forEach((trunk, state) -> {
          if (state != TrunkState.UNKNOWN) {
            callback.call(state == TrunkState.UP ? 1 : 0, trunk);
          }
        }))
        .register(registry);
  }

  /** Registers the counters of the call log: what it wrote, what waits, what it dropped. */
  public ServerMetrics callRecords(QueuedCallLog log) {
    counter("callmask_call_records_written", "Call records saved to the store",
        () -> log.stats().written());
    gauge("callmask_call_records_pending", "Calls whose record waits to be saved",
        () -> log.stats().pending());
    counter("callmask_call_records_overflowed",
        "Call snapshots dropped because the queue was full", () -> log.stats().overflowed());
    counter("callmask_call_records_refused", "Call records dropped because the store refused them",
        () -> log.stats().refused());
    counter("callmask_call_records_failed_batches",
        "Batches of call records the store failed to save (retried)",
        () -> log.stats().failedBatches());
    return this;
  }

  /** Registers call control's counters and its live-call gauge. */
  public void registerCalls(CallController calls) {
    CallCounters counters = calls.counters();
    counter("callmask_calls_started", "Forwarded calls routed to a session", counters::started);
    counter("callmask_calls_answered", "Forwarded calls the callee answered", counters::answered);
    counter("callmask_calls_failed", "Forwarded calls that ended failed", counters::failed);
    counter("callmask_click_to_calls_started", "Click-to-calls started",
        counters::clickToCallStarted);
    counter("callmask_click_to_calls_answered", "Click-to-calls whose parties were joined",
        counters::clickToCallAnswered);
    counter("callmask_click_to_calls_failed", "Click-to-calls that ended failed",
        counters::clickToCallFailed);
    counter("callmask_call_failovers", "Retries through the backup trunk", counters::failovers);
    counter("callmask_calls_refused_overload",
        "New calls refused with 503 because callmask was behind its SIP input (statelessly:"
            + " a caller's retransmitted INVITE is refused and counted again)",
        calls::refusedForOverload);
    gauge("callmask_calls_live", "Calls in progress", calls::liveCalls);
  }

  /** The current values in the Prometheus text format. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private void counter(String name, String help, DoubleSupplier value) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.getAsDouble()))
        .register(registry);
  }

  private void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.getAsDouble()))
        .register(registry);
  }
}
