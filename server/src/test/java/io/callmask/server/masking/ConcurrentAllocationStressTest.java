package io.callmask.server.masking;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.store.Database;
import io.callmask.server.store.JdbcNumberStore;
import io.callmask.server.store.JdbcSessionStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight threads on two "servers" (two connection pools, two services) sharing one database create
 * and close thousands of sessions over overlapping parties, reuse refs concurrently, while an
 * operator marks numbers unhealthy and sweeps quarantines. Then {@link RuleChecker} reads the
 * store and must find no broken rule.
 */
class ConcurrentAllocationStressTest {

  private static final int THREADS = 8;
  private static final int CREATES_PER_THREAD = 150;
  private static final int PARTIES = 40;
  private static final int SHARED_REFS = 40;
  private static final Duration QUARANTINE = Duration.ofMinutes(1);

  @ParameterizedTest
  @EnumSource(AllocationStrategy.class)
  void concurrentCreatesAndClosesBreakNoRule(AllocationStrategy strategy) throws Exception {
    String url = TestStore.emptiedPostgres()
        .orElse("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Database first = Database.open(url, TestStore.user(), TestStore.password(), 6);
        Database second = Database.open(url, TestStore.user(), TestStore.password(), 6)) {
      JdbcNumberStore numbers = new JdbcNumberStore(first);
      registerPool(numbers, strategy);
      List<MaskingService> servers = List.of(
          new MaskingService(new JdbcSessionStore(first), strategy, QUARANTINE, clock),
          new MaskingService(new JdbcSessionStore(second), strategy, QUARANTINE, clock));
      Map<String, String> sessionPerRef = new ConcurrentHashMap<>();
      Set<String> unreplaced = ConcurrentHashMap.newKeySet();
      AtomicInteger created = new AtomicInteger();
      AtomicInteger exhausted = new AtomicInteger();
      List<String> failures = new ArrayList<>();

      ExecutorService executor = Executors.newFixedThreadPool(THREADS + 1);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        MaskingService service = servers.get(t % 2);
        Random random = new Random(t);
        work.add(executor.submit(() -> client(service, random, clock, sessionPerRef, created,
            exhausted, failures)));
      }
      work.add(executor.submit(() -> operator(servers.get(0), strategy, unreplaced)));
      for (Future<?> future : work) {
        future.get(60, TimeUnit.SECONDS);
      }
      executor.shutdown();

      servers.get(1).expireQuarantine();
      List<String> violations = new RuleChecker(new JdbcSessionStore(second), numbers, strategy,
          unreplaced).violations(clock.instant());
      synchronized (failures) {
        assertThat(failures).isEmpty();
      }
      assertThat(violations).isEmpty();
      assertThat(holdingsByParty(url)).isEqualTo(bindingsByParty(url));
      assertThat(created.get()).isGreaterThan(THREADS * CREATES_PER_THREAD / 2);
    }
  }

  /** Each party's bound proxies, read from the bindings. */
  private static Map<String, Set<String>> bindingsByParty(String url) throws SQLException {
    Map<String, Set<String>> bound = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url, TestStore.user(), TestStore.password());
        ResultSet rs = c.createStatement().executeQuery("SELECT party, proxy FROM bindings")) {
      while (rs.next()) {
        bound.computeIfAbsent(rs.getString(1), p -> new TreeSet<>()).add(rs.getString(2));
      }
    }
    return bound;
  }

  /**
   * Each party's proxies as the store's party_holdings list them (the copy of the bindings that
   * first fit reads): after the sweep they must match the bindings exactly.
   */
  private static Map<String, Set<String>> holdingsByParty(String url) throws SQLException {
    Map<String, Set<String>> held = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url, TestStore.user(), TestStore.password());
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT party, holdings FROM party_holdings")) {
      while (rs.next()) {
        Set<String> proxies = held.computeIfAbsent(rs.getString(1), p -> new TreeSet<>());
        for (String element : rs.getString(2).split(",")) {
          proxies.add(element.split("@")[0]);
        }
      }
    }
    return held;
  }

  /** Creates sessions, sometimes with a shared ref, and closes about as many as it creates. */
  private static void client(MaskingService service, Random random, MutableClock clock,
      Map<String, String> sessionPerRef, AtomicInteger created, AtomicInteger exhausted,
      List<String> failures) {
    List<String> open = new ArrayList<>();
    for (int i = 0; i < CREATES_PER_THREAD; i++) {
      CreateRequest request = random.nextInt(5) == 0 ? sharedRefRequest(random.nextInt(SHARED_REFS))
          : randomRequest(random);
      CreateOutcome outcome = service.create(request);
      if (outcome instanceof CreateOutcome.Created c) {
        created.incrementAndGet();
        open.add(c.session().id());
        request.ref().ifPresent(ref -> {
          // Another thread may have seen it (Existing) before this one recorded it.
          String previous = sessionPerRef.putIfAbsent(ref, c.session().id());
          if (previous != null && !previous.equals(c.session().id())) {
            fail(failures, "ref " + ref + " created twice");
          }
        });
      } else if (outcome instanceof CreateOutcome.Existing e) {
        String ref = request.ref().orElseThrow();
        String known = sessionPerRef.putIfAbsent(ref, e.session().id());
        if (known != null && !known.equals(e.session().id())) {
          fail(failures, "ref " + ref + " returned another session");
        }
      } else if (outcome instanceof CreateOutcome.RefConflict conflict) {
        fail(failures, "unexpected conflict on " + conflict.ref());
      } else {
        exhausted.incrementAndGet();
      }
      if (!open.isEmpty() && (open.size() > 4 || random.nextBoolean())) {
        service.close(open.remove(random.nextInt(open.size())));
      }
      clock.advance(Duration.ofMillis(500));
    }
  }

  /** Marks a few numbers unhealthy during the run and sweeps expired quarantines. */
  private static void operator(MaskingService service, AllocationStrategy strategy,
      Set<String> unreplaced) {
    Pool pool = strategy == AllocationStrategy.TWO_POOL ? Pool.CUSTOMER : Pool.SHARED;
    for (int i = 0; i < 5; i++) {
      service.expireQuarantine();
      HealthOutcome outcome = service.reportHealth(TestStore.proxy(firstIndex(pool) + i * 7),
          Health.UNHEALTHY);
      unreplaced.addAll(((HealthOutcome.Recorded) outcome).unreplaced().keySet());
      Thread.yield();
    }
  }

  private static CreateRequest randomRequest(Random random) {
    int customer = random.nextInt(PARTIES);
    int partner = (customer + 1 + random.nextInt(PARTIES - 1)) % PARTIES;
    return new CreateRequest(TestStore.party(customer), TestStore.party(partner), "KA",
        Optional.empty());
  }

  /** The same ref always comes with the same parties. */
  private static CreateRequest sharedRefRequest(int index) {
    return new CreateRequest(TestStore.party(index % PARTIES), TestStore.party((index + 1) % PARTIES),
        "KA", Optional.of("order-" + index));
  }

  private static void registerPool(JdbcNumberStore numbers, AllocationStrategy strategy) {
    for (String trunk : List.of("t1", "t2", "t3")) {
      numbers.addTrunk(new io.callmask.server.masking.Trunk(trunk, "gw", 5060, "udp", List.of()));
    }
    List<Pool> pools = strategy == AllocationStrategy.TWO_POOL
        ? List.of(Pool.CUSTOMER, Pool.PARTNER) : List.of(Pool.SHARED);
    int size = strategy == AllocationStrategy.DEDICATED ? 400 : 60;
    List<ProxyNumber> all = new ArrayList<>();
    for (Pool pool : pools) {
      for (int i = 0; i < size; i++) {
        all.add(new ProxyNumber(TestStore.proxy(firstIndex(pool) + i), "t" + (1 + i % 3), "KA", pool,
            strategy == AllocationStrategy.DEDICATED ? 1 : 25, Health.HEALTHY));
      }
    }
    numbers.addNumbers(all);
  }

  private static int firstIndex(Pool pool) {
    return pool.ordinal() * 1000;
  }

  private static void fail(List<String> failures, String failure) {
    synchronized (failures) {
      failures.add(failure);
    }
  }
}
