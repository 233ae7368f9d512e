package io.callmask.server.planner;

import io.callmask.server.masking.PhoneNumber;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The fewest numbers any pool could do with: a party holds two numbers (proxy and backup) per
 * live session, distinct across its live sessions, so a pool serving it needs at least the most
 * it ever holds at once. Immutable.
 *
 * @param onePool the most numbers one party held at once, in either role (single pool)
 * @param twoPools the most one customer held plus the most one partner held (one pool per side)
 */
public record LowerBound(int onePool, int twoPools) {

  private static final int NUMBERS_PER_SESSION = 2;

  /** The bound of a workload whose sessions stay live for {@code quarantine} after closing. */
  public static LowerBound of(List<SessionSpan> spans, Duration quarantine) {
    long hold = quarantine.toSeconds();
    PriorityQueue<long[]> ends = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    Map<PhoneNumber, Integer> held = new HashMap<>();
    Map<PhoneNumber, Integer> asCustomer = new HashMap<>();
    Map<PhoneNumber, Integer> asPartner = new HashMap<>();
    int maxHeld = 0;
    int maxCustomer = 0;
    int maxPartner = 0;
    for (int i = 0; i < spans.size(); i++) {
      SessionSpan span = spans.get(i);
      while (!ends.isEmpty() && ends.peek()[0] <= span.openSecond()) {
        SessionSpan ended = spans.get((int) ends.poll()[1]);
        add(held, ended.customer(), -NUMBERS_PER_SESSION);
        add(held, ended.partner(), -NUMBERS_PER_SESSION);
        add(asCustomer, ended.customer(), -NUMBERS_PER_SESSION);
        add(asPartner, ended.partner(), -NUMBERS_PER_SESSION);
      }
      maxHeld = Math.max(maxHeld, add(held, span.customer(), NUMBERS_PER_SESSION));
      maxHeld = Math.max(maxHeld, add(held, span.partner(), NUMBERS_PER_SESSION));
      maxCustomer = Math.max(maxCustomer, add(asCustomer, span.customer(), NUMBERS_PER_SESSION));
      maxPartner = Math.max(maxPartner, add(asPartner, span.partner(), NUMBERS_PER_SESSION));
      ends.add(new long[] {span.closeSecond() + hold, i});
    }
    return new LowerBound(maxHeld, maxCustomer + maxPartner);
  }

  private static int add(Map<PhoneNumber, Integer> counts, PhoneNumber party, int delta) {
    int value = counts.getOrDefault(party, 0) + delta;
    if (value == 0) {
      counts.remove(party);
    } else {
      counts.put(party, value);
    }
    return value;
  }
}
