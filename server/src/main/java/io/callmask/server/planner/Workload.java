package io.callmask.server.planner;

import io.callmask.server.masking.PhoneNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A synthetic workload: parties whose activity is heavy-tailed (a truncated Pareto, so a few
 * partners are busy and most are quiet), sessions arriving uniformly over the days. Scaling the
 * traffic scales the population, not each party's activity, as a growing marketplace does.
 * Immutable; {@link #sessions} is deterministic for a given seed.
 *
 * @param customers how many customers at scale 1
 * @param partners how many partners at scale 1
 * @param sessionsPerDay sessions opened per day at scale 1
 * @param days how long to simulate (longer than the quarantine, to reach a steady state)
 * @param sessionLifetime mean time from open to close
 * @param quarantine {@code recycle.quarantine}
 * @param tailExponent Pareto exponent of party activity (smaller is heavier)
 * @param busiestToQuietest how much more active the busiest party can be than the quietest
 * @param trunks how many trunks numbers are spread over
 * @param capacity live sessions a number may serve
 * @param seed random seed
 */
public record Workload(
    int customers,
    int partners,
    int sessionsPerDay,
    int days,
    Duration sessionLifetime,
    Duration quarantine,
    double tailExponent,
    double busiestToQuietest,
    int trunks,
    int capacity,
    long seed) {

  private static final long DAY = Duration.ofDays(1).toSeconds();

  /** Checks the ranges. */
  public Workload {
    if (customers < 1 || partners < 1 || sessionsPerDay < 1 || days < 1) {
      throw new IllegalArgumentException("customers, partners, sessions per day and days >= 1");
    }
    if (sessionLifetime.isNegative() || quarantine.isNegative()) {
      throw new IllegalArgumentException("lifetime and quarantine must not be negative");
    }
    if (tailExponent <= 0 || busiestToQuietest < 1) {
      throw new IllegalArgumentException("tail exponent > 0 and busiest-to-quietest >= 1");
    }
    if (trunks < 2 || capacity < 1) {
      throw new IllegalArgumentException("at least 2 trunks and capacity >= 1");
    }
  }

  /**
   * The default workload: 10,000 customers and 200 partners, 2,000 sessions a day for 40 days,
   * 45-minute sessions, the contract's 30-day quarantine, Pareto exponent 1.5 truncated at 50x,
   * two trunks, and no capacity limit (the lower bound ignores capacity, so the comparison
   * with it is fair only without one).
   */
  public static Workload defaults() {
    return new Workload(10_000, 200, 2_000, 40, Duration.ofMinutes(45), Duration.ofDays(30),
        1.5, 50, 2, Integer.MAX_VALUE, 42);
  }

  /** This workload with {@code factor} times the parties and the traffic. */
  public Workload scaled(double factor) {
    return new Workload(Math.max(1, (int) Math.round(customers * factor)),
        Math.max(1, (int) Math.round(partners * factor)),
        Math.max(1, (int) Math.round(sessionsPerDay * factor)), days, sessionLifetime,
        quarantine, tailExponent, busiestToQuietest, trunks, capacity, seed);
  }

  /** The sessions, in order of opening. */
  public List<SessionSpan> sessions() {
    Random random = new Random(seed);
    double[] customerWeights = cumulativeWeights(customers, random);
    double[] partnerWeights = cumulativeWeights(partners, random);
    long total = (long) sessionsPerDay * days;
    long lifetime = Math.max(1, sessionLifetime.toSeconds());
    List<SessionSpan> spans = new ArrayList<>((int) Math.min(total, Integer.MAX_VALUE));
    for (long i = 0; i < total; i++) {
      long open = (long) (random.nextDouble() * days * DAY);
      long close = open + (long) (lifetime * (0.5 + random.nextDouble()));
      int customer = pick(customerWeights, random);
      int partner = pick(partnerWeights, random);
      spans.add(new SessionSpan(open, close, customerNumber(customer), partnerNumber(partner)));
    }
    spans.sort(Comparator.comparingLong(SessionSpan::openSecond));
    return spans;
  }

  private double[] cumulativeWeights(int count, Random random) {
    double[] cumulative = new double[count];
    double sum = 0;
    for (int i = 0; i < count; i++) {
      // Inverse-CDF Pareto sample with minimum 1, truncated at the busiest-to-quietest ratio.
      double weight = Math.min(busiestToQuietest,
          Math.pow(1 - random.nextDouble(), -1 / tailExponent));
      sum += weight;
      cumulative[i] = sum;
    }
    return cumulative;
  }

  private static int pick(double[] cumulative, Random random) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int index = java.util.Arrays.binarySearch(cumulative, target);
    return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
  }

  private static PhoneNumber customerNumber(int index) {
    return PhoneNumber.of(String.format("+1555%09d", index));
  }

  private static PhoneNumber partnerNumber(int index) {
    return PhoneNumber.of(String.format("+1666%09d", index));
  }
}
