package io.callmask.server;

import io.callmask.server.call.CallController;
import io.callmask.server.call.CallRouter;
import io.callmask.server.call.NumberFailureCounters;
import io.callmask.server.call.ResponseDelays;
import io.callmask.server.call.TrunkMonitor;
import io.callmask.server.calls.FlushedReads;
import io.callmask.server.calls.QueuedCallLog;
import io.callmask.server.call.CallServices;
import io.callmask.server.call.CallSettings;
import io.callmask.server.call.ClickToCalls;
import io.callmask.server.call.IdentityRewriter;
import io.callmask.server.call.NumberOutcomes;
import io.callmask.server.call.Overload;
import io.callmask.server.call.TrunkDirectory;
import io.callmask.server.call.ClickToCallPolicy;
import io.callmask.server.call.FailureStreakListener;
import io.callmask.server.call.NumberHealthPolicy;
import io.callmask.server.call.WidespreadFailureFilter;
import io.callmask.server.calls.CallLog;
import io.callmask.server.events.CallCompletedEvents;
import io.callmask.server.events.PoolAlerts;
import io.callmask.server.masking.SessionListener;
import io.callmask.server.config.ApiTokens;
import io.callmask.server.config.ServerConfig;
import io.callmask.server.config.SipSettings;
import io.callmask.server.events.DeliverySettings;
import io.callmask.server.events.EventRecorder;
import io.callmask.server.events.WebhookDeliverer;
import io.callmask.server.http.CallRoutes;
import io.callmask.server.http.ClickToCallRoutes;
import io.callmask.server.http.EventRoutes;
import io.callmask.server.http.HttpApiServer;
import io.callmask.server.http.PoolRoutes;
import io.callmask.server.http.Router;
import io.callmask.server.http.SessionRoutes;
import io.callmask.server.http.StatsRoutes;
import io.callmask.server.http.SystemRoutes;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.RouteOutcome;
import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.store.Database;
import io.callmask.server.store.JdbcCallRecordStore;
import io.callmask.server.store.JdbcEventOutbox;
import io.callmask.server.store.JdbcNumberStore;
import io.callmask.server.store.JdbcSessionStore;
import io.callmask.server.store.RetentionSweep;
import io.callmask.server.threads.BackgroundPriority;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.callmask.server.metrics.ServerMetrics;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.NettyTimerService;
import io.callmask.sip.transaction.TransactionLayer;
import io.callmask.sip.transport.NettySipTransport;
import io.callmask.sip.transport.TransportSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the server with {@code new}, starts them bottom-up
 * and stops them top-down. Not thread-safe: one thread starts and closes it.
 */
public final class MaskingServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MaskingServer.class);
  /** Enough for the API's workers and the call path; the store serialises conflicting writes. */
  private static final int STORE_CONNECTIONS = 16;
  /** Route lookups (one store read per INVITE) in flight at once, and queued beyond that. */
  private static final int LOOKUP_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  private static final int LOOKUP_QUEUE = 4096;
  private static final Duration TRUNK_REFRESH = Duration.ofSeconds(30);
  private static final Duration POOL_EXHAUSTED_COOLDOWN = Duration.ofMinutes(1);
  /**
   * How long call.completed events gather before one transaction stores them: at 1,000 calls/s
   * a hundred events share a commit (CallRecordingBenchmark, rate=1000), and a webhook waits at
   * most this much longer.
   */
  private static final Duration CALL_EVENTS_GATHER = Duration.ofMillis(100);
  /** How often background threads started since the last look are lowered in priority. */
  private static final Duration BACKGROUND_THREAD_SCAN = Duration.ofSeconds(10);
  /** Work queued for the policy thread beyond this is refused (and logged). */
  private static final int POLICY_QUEUE = 100_000;

  private final NettySipTransport transport;
  private final NettyTimerService timers;
  private final TransactionLayer transactions;
  private final CallController calls;
  /** Trunk health by OPTIONS probing: call control skips a primary trunk that is down. */
  private final TrunkMonitor trunkMonitor;
  /** Consecutive failures per proxy number and direction, reported by call control. */
  private final NumberOutcomes numberOutcomes;
  private final TrunkDirectory trunks;
  /** Runs route lookups (JDBC) off the SIP threads; a full queue makes new calls get 503. */
  private final ExecutorService lookups = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS,
      0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(LOOKUP_QUEUE),
      new DefaultThreadFactory("route-lookup", true));
  private final Duration shutdownTimeout;
  /** Judges call outcomes (click-to-call, number health): rare store work off the SIP threads. */
  private final ExecutorService policies = boundedSingleThread("call-policy");
  /**
   * Records call.completed events (one per call) off the SIP threads, those of calls that end
   * within {@link #CALL_EVENTS_GATHER} together. Its queue holds at most one task: {@link
   * CallCompletedEvents} has one drain pending at a time.
   */
  private final ScheduledThreadPoolExecutor callEvents =
      new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("call-events", true));
  private final PoolAlerts poolAlerts;
  private final HttpApiServer http;
  private final Database database;
  private final MaskingService masking;
  /**
   * Where call control records calls (pass it to the {@link CallController}); it writes them to
   * the store on its own thread. Closed after SIP stops, before the store.
   */
  private final QueuedCallLog callLog;
  private final RetentionSweep callRetention;
  private final RetentionSweep eventRetention;
  /** Empty when no webhook.url is configured: events are recorded, nothing is sent. */
  private final Optional<WebhookDeliverer> deliverer;

  private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
      new DefaultThreadFactory("housekeeping", true));
  /** Empty when threads.background-nice is 0 or the system cannot set nice values. */
  private final Optional<BackgroundPriority> backgroundPriority;

  /** Builds every part; opens (and migrates) the store, so a bad store.url fails here. */
  public MaskingServer(ServerConfig config) {
    this(config, DeliverySettings.DEFAULTS);
  }

  /** As above, with webhook delivery timing other than the defaults (tests shorten it). */
  public MaskingServer(ServerConfig config, DeliverySettings delivery) {
    String token = ApiTokens.resolve(config);
    this.database = Database.open(config.store().url(), config.store().user(),
        config.store().password(), STORE_CONNECTIONS);
    JdbcNumberStore numbers = new JdbcNumberStore(database);
    JdbcEventOutbox outbox = new JdbcEventOutbox(database);
    this.eventRetention = new RetentionSweep("delivered events", outbox::deleteDeliveredBefore,
        config.eventRetention(), Clock.systemUTC());
    this.deliverer = config.webhook().url().map(url -> new WebhookDeliverer(outbox,
        URI.create(url), config.webhook().secret(), delivery, Clock.systemUTC(),
        new SecureRandom()));
    Runnable wakeDeliverer = () -> deliverer.ifPresent(WebhookDeliverer::wake);
    EventRecorder events = new EventRecorder(outbox, Clock.systemUTC(), wakeDeliverer);
    this.poolAlerts = new PoolAlerts(numbers, events, Clock.systemUTC(),
        config.poolLowThreshold(), POOL_EXHAUSTED_COOLDOWN);
    // Embedded, the server is the store's only writer and may keep the call path's reads in memory.
    JdbcSessionStore sessions = database.isExclusive()
        ? JdbcSessionStore.withRouteCache(database) : new JdbcSessionStore(database);
    this.masking = new MaskingService(sessions,
        config.allocationStrategy(), config.recycleQuarantine(), Clock.systemUTC(),
        SessionListener.both(events, poolAlerts));
    JdbcCallRecordStore storedCalls = new JdbcCallRecordStore(database);
    this.callLog = new QueuedCallLog(storedCalls, QueuedCallLog.Settings.DEFAULTS);
    FlushedReads callRecords = new FlushedReads(callLog, storedCalls, storedCalls);
    this.callRetention = new RetentionSweep("call records", storedCalls::deleteStartedBefore,
        config.callRetention(), Clock.systemUTC());
    this.transport = new NettySipTransport(transportSettings(config.sip()));
    this.timers = new NettyTimerService();
    this.transactions = new TransactionLayer(transport, timers, config.sip().timers());
    ResponseDelays responseDelays = ResponseDelays.forFailoverTimeout(config.failoverTimeout());
    this.trunkMonitor = new TrunkMonitor(numbers, transactions, transport::advertised, timers,
        config.trunkProbe(), responseDelays::behind);
    this.numberOutcomes = new WidespreadFailureFilter(new NumberFailureCounters(
        FailureStreakListener.atThreshold(config.healthAfterFailures(),
            new NumberHealthPolicy(masking, trunkMonitor, policies))));
    CallLog judgedLog = new CallCompletedEvents(new ClickToCallPolicy(callLog,
        config.clickToCallAfterFailures(), callRecords, masking, events::clickToCallEnabled,
        policies), events, callEvents, CALL_EVENTS_GATHER);
    this.trunks = new TrunkDirectory(numbers::trunks);
    this.shutdownTimeout = config.shutdownTimeout();
    this.calls = new CallController(new CallServices(transactions, transport, timers, lookups,
        callRouter(masking), trunks, trunkMonitor, judgedLog, numberOutcomes, responseDelays,
        Clock.systemUTC(), new CallSettings(config.failoverTimeout(), config.defaultCountry(),
            config.clickToCallRingTimeout(),
            CallSettings.answerHoldLimit(config.sip().timers().t1()),
            CallSettings.cancelLimit(config.sip().timers().t1()),
            config.sip().dialogProbeInterval()),
        IdentityRewriter.STANDARD,
        new Overload(transport::inputLag, config.sip().overloadLag())));
    Router router = new Router();
    ServerMetrics metrics = new ServerMetrics(transport, transactions).callRecords(callLog);
    metrics.trunks(trunkMonitor);
    metrics.registerCalls(calls);
    SystemRoutes.register(router, metrics);
    new SessionRoutes(masking, numbers, config.defaultCountry()).register(router);
    new PoolRoutes(numbers, masking, config.defaultCountry(), trunkMonitor, trunks::refresh)
        .register(router);
    new CallRoutes(callRecords).register(router);
    new ClickToCallRoutes(new ClickToCalls(masking::session, masking::numbers,
        region -> healthyNumbers(numbers, region), calls)).register(router);
    new StatsRoutes(numbers, callRecords, Clock.systemUTC()).register(router);
    new EventRoutes(outbox, Clock.systemUTC(), wakeDeliverer).register(router);
    this.http = new HttpApiServer(config.httpListen(), router, token);
    this.backgroundPriority = BackgroundPriority.forThisProcess(config.backgroundNice());
  }

  /**
   * Starts delivering events, binds the SIP listeners, starts probing trunks, then the HTTP API;
   * from then on every request reaches the call controller. On failure, whatever started is stopped again.
   */
  public void start() {
    deliverer.ifPresent(WebhookDeliverer::start);
    trunks.refresh();
    transactions.bind(calls);
    transport.start(transactions);
    trunkMonitor.start();
    try {
      http.start();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    housekeeping.scheduleWithFixedDelay(this::expireQuarantine, 1, 1, TimeUnit.MINUTES);
    housekeeping.scheduleWithFixedDelay(this::checkPools, 0, 1, TimeUnit.MINUTES);
    housekeeping.scheduleWithFixedDelay(callRetention, 1, 10, TimeUnit.MINUTES);
    housekeeping.scheduleWithFixedDelay(eventRetention, 2, 10, TimeUnit.MINUTES);
    housekeeping.scheduleWithFixedDelay(trunks::refresh, TRUNK_REFRESH.toSeconds(),
        TRUNK_REFRESH.toSeconds(), TimeUnit.SECONDS);
    // Executors start their threads on first use: look for new background threads now and then.
    backgroundPriority.ifPresent(priority -> housekeeping.scheduleWithFixedDelay(
        priority::lowerNew, 0, BACKGROUND_THREAD_SCAN.toSeconds(), TimeUnit.SECONDS));
    log.info("callmask serving SIP on UDP {} and TCP {}, HTTP API on {}",
        udpAddress().map(HostPort::toString).orElse("off"),
        tcpAddress().map(HostPort::toString).orElse("off"),
        httpAddress());
  }

  /** Calls in progress. */
  public int liveCalls() {
    return calls.liveCalls();
  }

  /** SIP dialogs call control still knows (both legs of live calls), for leak checks. */
  public int liveDialogs() {
    return calls.dialogs();
  }

  /** The HTTP API's routes, as {@code METHOD /pattern}. */
  public List<String> apiRoutes() {
    return http.routes();
  }

  /** The log call control records calls in; tests seed and flush records through it. */
  public QueuedCallLog callLog() {
    return callLog;
  }

  /** The bound HTTP API address. */
  public HostPort httpAddress() {
    return http.address();
  }

  /** The bound UDP address (the real port when the configuration asked for port 0). */
  public Optional<HostPort> udpAddress() {
    return transport.supports(Transport.UDP) ? Optional.of(transport.boundUdp()) : Optional.empty();
  }

  /** The bound TCP address (the real port when the configuration asked for port 0). */
  public Optional<HostPort> tcpAddress() {
    return transport.supports(Transport.TCP) ? Optional.of(transport.boundTcp()) : Optional.empty();
  }

  /**
   * Drains calls first (new INVITEs get 503; calls in progress get up to {@code
   * shutdown.timeout}, then are hung up), then stops the API and trunk probing, stops taking SIP
   * messages, ends transactions and timers, then writes the call records still queued, then event
   * delivery (attempts in flight may finish), and closes the store last. Idempotent.
   */
  @Override
  public void close() {
    if (!calls.isDraining()) {
      calls.drain(shutdownTimeout);
    }
    http.close();
    trunkMonitor.close();
    transport.stop();
    transactions.close();
    timers.close();
    callLog.close();
    housekeeping.shutdownNow();
    lookups.shutdownNow();
    stopAfterQueued(policies);
    stopAfterQueued(callEvents);
    deliverer.ifPresent(WebhookDeliverer::close);
    database.close();
    log.info("callmask stopped");
  }

  /** Tells the marketplace about pools running short (pool.low). */
  private void checkPools() {
    try {
      poolAlerts.checkLow();
    } catch (RuntimeException e) {
      log.warn("pool level check failed; retrying in a minute", e);
    }
  }

  /** Ends quarantines that are over, so their numbers' capacity is free again. */
  private void expireQuarantine() {
    try {
      int released = masking.expireQuarantine();
      if (released > 0) {
        log.debug("released {} quarantined number pairs", released);
      }
    } catch (RuntimeException e) {
      log.warn("quarantine expiry failed; retrying in a minute", e);
    }
  }

  /** Call control's router: from memory on the SIP thread when it can, else a store read. */
  private static CallRouter callRouter(MaskingService masking) {
    return new CallRouter() {
      @Override
      public RouteOutcome route(PhoneNumber dialed, PhoneNumber caller) {
        return masking.route(dialed, caller);
      }

      @Override
      public Optional<RouteOutcome> routeInMemory(PhoneNumber dialed, PhoneNumber caller) {
        return masking.routeInMemory(dialed, caller);
      }
    };
  }

  private static ExecutorService boundedSingleThread(String name) {
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(POLICY_QUEUE), new DefaultThreadFactory(name, true));
  }

  /** Lets queued judgements and events finish (briefly) before the store closes. */
  private static void stopAfterQueued(ExecutorService executor) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("{} work left unfinished at shutdown", executor.shutdownNow().size());
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The healthy numbers of {@code region}, in the pool's order: click-to-call's stand-ins. */
  private static List<ProxyNumber> healthyNumbers(NumberStore numbers, String region) {
    return numbers.numbers(new NumberStore.NumberFilter(Optional.of(region), Optional.empty(),
            Optional.of(Health.HEALTHY))).stream()
        .map(NumberStore.NumberUse::number)
        .toList();
  }

  private static TransportSettings transportSettings(SipSettings sip) {
    return new TransportSettings(
        sip.udp().map(MaskingServer::socketAddress).orElse(null),
        sip.tcp().map(MaskingServer::socketAddress).orElse(null),
        sip.advertisedHost(),
        sip.limits(),
        sip.tcpIdleTimeout(),
        TransportSettings.DEFAULT_CONNECT_TIMEOUT,
        Runtime.getRuntime().availableProcessors(),
        TransportSettings.DEFAULT_SHUTDOWN_QUIET_PERIOD,
        sip.udpBuffer());
  }

  private static InetSocketAddress socketAddress(HostPort hostPort) {
    return new InetSocketAddress(hostPort.host(), hostPort.port());
  }
}
