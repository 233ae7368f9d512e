package io.callmask.bench.masking;

import io.callmask.server.masking.AllocationStrategy;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.RouteOutcome;
import io.callmask.server.store.Database;
import io.callmask.server.store.JdbcSessionStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CPU time of one route lookup ({@link MaskingService#route}, what each INVITE costs the
 * {@code route-lookup} executor), without and with the store's route cache, in alternating rounds
 * on one embedded H2 store holding {@code liveSessions} live two-pool sessions. Thread CPU time
 * per lookup survives a machine shared with other work, where wall-clock time does not. Calls
 * come from a random side of a random session, as in {@code scripts/bench-calls.sh}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.callmask.bench.masking.RouteLookupCpu
 *     [LIVE_SESSIONS (10000)] [LOOKUPS_PER_ROUND (50000)] [ROUNDS (10)]</pre>
 *
 * <p>Prints one line per round and the median and range per store. Single-threaded.
 */
public final class RouteLookupCpu {

  private RouteLookupCpu() {}

  public static void main(String[] args) throws Exception {
    long liveSessions = args.length > 0 ? Long.parseLong(args[0]) : 10_000;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    String url = "jdbc:h2:mem:route-lookup;DB_CLOSE_DELAY=-1";
    try (Database database = Database.open(url, "sa", "", 8)) {
      LiveSessionsFixture.fill(url, liveSessions);
      List<MaskingService> services = List.of(
          service(new JdbcSessionStore(database)),
          service(JdbcSessionStore.withRouteCache(database)));
      List<String> names = List.of("query", "cached");
      List<List<Double>> perLookup = List.of(new ArrayList<>(), new ArrayList<>());
      SplittableRandom random = new SplittableRandom(42);
      for (int round = 0; round < 2 * rounds; round++) {
        int which = round % 2;
        double micros = cpuPerLookup(services.get(which), liveSessions, lookups, random);
        perLookup.get(which).add(micros);
        System.out.printf("round %2d %-6s %7.2f us CPU per lookup%n", round / 2, names.get(which),
            micros);
      }
      for (int which = 0; which < 2; which++) {
        double[] sorted = perLookup.get(which).stream().mapToDouble(Double::doubleValue).sorted()
            .toArray();
        System.out.printf("%-6s median %.2f us, range %.2f-%.2f (%s)%n", names.get(which),
            sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1],
            Arrays.toString(perLookup.get(which).stream().mapToDouble(d -> d).toArray()));
      }
    }
  }

  private static MaskingService service(JdbcSessionStore store) {
    return new MaskingService(store, AllocationStrategy.TWO_POOL, Duration.ofDays(30),
        Clock.systemUTC());
  }

  /**
   * Routes {@code lookups} random live pairs, picked (and their numbers formatted) before the
   * clock starts; returns this thread's CPU time per lookup in us.
   */
  static double cpuPerLookup(MaskingService service, long liveSessions, int lookups,
      SplittableRandom random) {
    PhoneNumber[] dialed = new PhoneNumber[lookups];
    PhoneNumber[] callers = new PhoneNumber[lookups];
    for (int i = 0; i < lookups; i++) {
      long session = random.nextLong(liveSessions);
      boolean customer = random.nextBoolean();
      int parties = customer ? LiveSessionsFixture.CUSTOMERS : LiveSessionsFixture.PARTNERS;
      dialed[i] = PhoneNumber.of(LiveSessionsFixture.proxy(customer, 2 * (session / parties)));
      callers[i] = PhoneNumber.of(customer ? LiveSessionsFixture.customer(session % parties)
          : LiveSessionsFixture.partner(session % parties));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < lookups; i++) {
      RouteOutcome outcome = service.route(dialed[i], callers[i]);
      if (!(outcome instanceof RouteOutcome.Routed)) {
        throw new IllegalStateException("a live session did not route: " + outcome);
      }
    }
    return (threads.getCurrentThreadCpuTime() - start) / 1e3 / lookups;
  }
}
