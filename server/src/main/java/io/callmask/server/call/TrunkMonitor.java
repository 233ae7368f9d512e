package io.callmask.server.call;

import io.callmask.server.call.ProbedTrunk.Change;
import io.callmask.server.call.ProbedTrunk.Probe;
import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.Trunk;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.TimerService;
import io.callmask.sip.transaction.TimerService.Timeout;
import io.callmask.sip.transaction.TransactionLayer;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which trunks are down by probing every trunk's gateway with OPTIONS (RFC 3261 §11;
 * issue 4 §5). A round, {@code interval} after the previous one ended, reloads the trunk list
 * from the store (so new trunks are probed from the next round on) and sends each trunk one
 * OPTIONS in a client transaction of its own. A trunk is {@link TrunkState#DOWN} after {@code failures} failed probes in a row, and
 * up again at the first answer. See {@link ProbedTrunk} for the rules.
 *
 * <p>What counts:
 * <ul>
 *   <li>Any final response but 503 is an answer, including 404, 405 and 501: a gateway that
 *       cannot route our URI or does not implement OPTIONS still processes SIP, and would take an
 *       INVITE. 503 is a failure: §11.2 makes the answer to OPTIONS the one an INVITE would get,
 *       and a 503 means this server refuses service now (§21.5.4; RFC 3263 §4.3 moves on to the
 *       next server), so calls through it would fail over anyway. Provisional responses decide
 *       nothing.
 *   <li>No answer within {@code timeout}, Timer F, or a transport error is a failure. The
 *       {@code timeout} is not judged while callmask is behind on its own input (then only Timer F
 *       is): the answer may be waiting in callmask's backlog.
 *   <li>A late answer, after its probe was given up, still counts as life: it proves the gateway
 *       works, and a gateway that is merely slower than the probe timeout should not push all its
 *       calls onto the backup trunks. The probe timeout exists to notice silence sooner than
 *       Timer F (32 s), not to judge latency; calls have {@code failover.timeout} for that.
 * </ul>
 *
 * <p>At most one probe per trunk is open (sent, and neither answered, failed nor given up): a
 * round that finds the previous probe still open sends none, so a timeout longer than the interval
 * slows probing instead of piling up transactions. A probe given up keeps its transaction, which
 * retransmits until Timer F (RFC 3261 cannot cancel a non-INVITE).
 *
 * <p>Threads: the store is read on the probe executor, never on a timer or transport thread; the
 * timer service only hands rounds to that executor and fires probe timeouts. {@link #isDown},
 * {@link #state} and {@link #states} read volatile state and never block. Thread-safe.
 */
public final class TrunkMonitor implements TrunkStatus, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TrunkMonitor.class);

  private final NumberStore store;
  private final TransactionLayer transactions;
  private final Function<Transport, HostPort> advertised;
  private final TimerService timers;
  private final TrunkProbeSettings settings;
  private final BooleanSupplier behind;
  private final Executor blocking;
  private final Map<String, ProbedTrunk> trunks = new ConcurrentHashMap<>();
  private volatile boolean started;
  private volatile boolean closed;
  private volatile Timeout nextRound;

  /**
   * A monitor with its own probe thread.
   *
   * @param advertised the host and port this node advertises per transport (the transport's
   *     {@code advertised}), for the From header
   * @param behind whether callmask is behind on its own input ({@link ResponseDelays#behind})
   */
  public TrunkMonitor(NumberStore store, TransactionLayer transactions,
      Function<Transport, HostPort> advertised, TimerService timers, TrunkProbeSettings settings,
      BooleanSupplier behind) {
    this(store, transactions, advertised, timers, settings, behind,
        Executors.newSingleThreadExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "trunk-probe");
          thread.setDaemon(true);
          return thread;
        }));
  }

  /** As above, reading the store on {@code blocking}; an ExecutorService is shut down on close. */
  TrunkMonitor(NumberStore store, TransactionLayer transactions,
      Function<Transport, HostPort> advertised, TimerService timers, TrunkProbeSettings settings,
      BooleanSupplier behind, Executor blocking) {
    this.store = Objects.requireNonNull(store, "store");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.advertised = Objects.requireNonNull(advertised, "advertised");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.behind = Objects.requireNonNull(behind, "behind");
    this.blocking = Objects.requireNonNull(blocking, "blocking");
  }

  /**
   * Starts the first round now; call once the transaction layer is bound and the transport
   * started. Does nothing when probing is off.
   */
  public void start() {
    if (!settings.enabled() || closed || started) {
      return;
    }
    started = true;
    log.info("probing trunk gateways with OPTIONS every {}; down after {} failures in a row",
        settings.interval(), settings.failures());
    submitRound();
  }

  @Override
  public boolean isDown(String trunk) {
    return state(trunk) == TrunkState.DOWN;
  }

  /** What the probes say of {@code trunk}; unknown for a trunk not probed yet. */
  public TrunkState state(String trunk) {
    ProbedTrunk probed = trunks.get(trunk);
    return probed == null ? TrunkState.UNKNOWN : probed.state();
  }

  /** Every trunk probed so far with its state, by name: a snapshot. */
  public SortedMap<String, TrunkState> states() {
    SortedMap<String, TrunkState> snapshot = new TreeMap<>();
    trunks.forEach((name, probed) -> snapshot.put(name, probed.state()));
    return snapshot;
  }

  /**
   * Stops probing: no further round starts; a round in progress finishes (waited for briefly, so
   * that the store is not read after its owner closes it). Open probes end with the transaction
   * layer. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    Timeout pending = nextRound;
    if (pending != null) {
      pending.cancel();
    }
    if (blocking instanceof ExecutorService service) {
      service.shutdown();
      try {
        if (!service.awaitTermination(2, TimeUnit.SECONDS)) {
          log.warn("a trunk probe round is still reading the store after 2 s; leaving it");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void submitRound() {
    try {
      blocking.execute(this::round);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        log.warn("trunk probing stopped: its executor refused a round", e);
      }
    }
  }

  /** One round, on the probe executor: reload the trunks, probe each, schedule the next round. */
  private void round() {
    if (closed) {
      return;
    }
    try {
      List<Trunk> current = store.trunks();
      Set<String> names = new HashSet<>();
      for (Trunk trunk : current) {
        names.add(trunk.name());
        ProbedTrunk probed =
            trunks.computeIfAbsent(trunk.name(), n -> new ProbedTrunk(trunk, settings.failures()));
        probed.refresh(trunk);
        probe(probed);
      }
      trunks.keySet().retainAll(names);
    } catch (RuntimeException e) {
      log.warn("trunk probe round failed; next round in {}", settings.interval(), e);
    } finally {
      if (!closed) {
        nextRound = timers.schedule(settings.interval(), this::submitRound);
      }
    }
  }

  private void probe(ProbedTrunk probed) {
    Probe probe = probed.open();
    if (probe == null) {
      log.debug("trunk {}: previous probe still unanswered, none sent this round", probed.name());
      return;
    }
    Trunk trunk = probed.trunk();
    Transport transport = trunk.transport().equals("tcp") ? Transport.TCP : Transport.UDP;
    Request options;
    try {
      options = OptionsRequest.to(trunk, advertised.apply(transport).host(), probe.sequence());
    } catch (RuntimeException e) {
      // e.g. a tcp trunk on a server without a TCP listener: it cannot be reached from here
      report(probed.failed(probe, "cannot probe: " + e.getMessage()));
      return;
    }
    probe.deadline(timers.schedule(settings.timeout(), () -> probeTimedOut(probed, probe)));
    Peer gateway = Peer.to(transport,
        InetSocketAddress.createUnresolved(trunk.gatewayHost(), trunk.gatewayPort()));
    try {
      transactions.sendRequest(options, gateway, new ProbeListener(probed, probe));
    } catch (RuntimeException e) {
      report(probed.failed(probe, "cannot send: " + e.getMessage()));
    }
  }

  /**
   * No answer within the probe timeout. While callmask is behind on its own input the answer may
   * be waiting in that backlog: the probe then stays open until its Timer F, which fails it if
   * the gateway was silent indeed.
   */
  private void probeTimedOut(ProbedTrunk probed, Probe probe) {
    if (behind.getAsBoolean()) {
      log.debug("trunk {}: probe unanswered within {}, but callmask is behind on its input",
          probed.name(), settings.timeout());
      return;
    }
    report(probed.failed(probe, "no answer within " + settings.timeout()));
  }

  private static void report(Change change) {
    if (change == null) {
      return;
    }
    if (change.to() == TrunkState.DOWN) {
      log.warn("trunk {} is down (was {}): {}", change.trunk(), change.from().apiName(),
          change.cause());
    } else {
      log.info("trunk {} is up (was {})", change.trunk(), change.from().apiName());
    }
  }

  /** The outcome of one probe's transaction. Called on transport and timer threads. */
  private record ProbeListener(ProbedTrunk probed, Probe probe) implements ResponseListener {

    @Override
    public void onResponse(Response response) {
      int status = response.getStatusCode();
      if (status < 200) {
        return;
      }
      if (status == Response.SERVICE_UNAVAILABLE) {
        report(probed.failed(probe, "answered " + status));
      } else {
        report(probed.answered(probe));
      }
    }

    @Override
    public void onTimeout() {
      report(probed.failed(probe, "no final response before Timer F"));
    }

    @Override
    public void onTransportError(Throwable cause) {
      report(probed.failed(probe, "transport error: " + cause.getMessage()));
    }
  }
}
