package io.callmask.server.planner;

import io.callmask.server.masking.AllocationStrategy;
import io.callmask.server.masking.Allocator;
import io.callmask.server.masking.NumberPlan;
import io.callmask.server.masking.NumberRole;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.Side;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Replays sessions through the real {@link Allocator} of one strategy over a {@link
 * GrowingPool}, releasing each session's pairs when its quarantine ends, and reports how many
 * numbers the pool grew to. Stateless; each call builds its own pool.
 */
public final class PoolSimulation {

  private static final String REGION = "SIM";

  private PoolSimulation() {}

  /** The numbers {@code strategy} needed for {@code spans} (both pools added under two-pool). */
  public static int poolNeeded(AllocationStrategy strategy, List<SessionSpan> spans,
      Duration quarantine, int trunks, int capacity) {
    Allocator allocator = new Allocator(strategy);
    GrowingPool pool = new GrowingPool(REGION, trunks, capacity);
    long hold = quarantine.toSeconds();
    PriorityQueue<Live> live =
        new PriorityQueue<>((a, b) -> Long.compare(a.releaseAt, b.releaseAt));
    for (SessionSpan span : spans) {
      while (!live.isEmpty() && live.peek().releaseAt <= span.openSecond()) {
        release(pool, live.poll());
      }
      NumberPlan plan = (NumberPlan) allocator.allocate(REGION, span.customer(), span.partner(),
          pool);
      for (Side side : Side.values()) {
        PhoneNumber party = side == Side.CUSTOMER ? span.customer() : span.partner();
        for (NumberRole role : NumberRole.values()) {
          pool.bind(party, plan.number(side, role));
        }
      }
      Set<ProxyNumber> distinct = distinct(plan);
      distinct.forEach(pool::take);
      live.add(new Live(span.closeSecond() + hold, span, plan, distinct));
    }
    return pool.size(Pool.CUSTOMER) + pool.size(Pool.PARTNER) + pool.size(Pool.SHARED);
  }

  private static void release(GrowingPool pool, Live ended) {
    for (Side side : Side.values()) {
      PhoneNumber party = side == Side.CUSTOMER ? ended.span.customer() : ended.span.partner();
      for (NumberRole role : NumberRole.values()) {
        pool.unbind(party, ended.plan.number(side, role));
      }
    }
    ended.numbers.forEach(pool::release);
  }

  private static Set<ProxyNumber> distinct(NumberPlan plan) {
    Set<ProxyNumber> numbers = new LinkedHashSet<>();
    numbers.add(plan.customerProxy());
    numbers.add(plan.customerBackup());
    numbers.add(plan.partnerProxy());
    numbers.add(plan.partnerBackup());
    return numbers;
  }

  /** A session whose pairs are held until {@code releaseAt}. */
  private record Live(
      long releaseAt, SessionSpan span, NumberPlan plan, Set<ProxyNumber> numbers) {}
}
