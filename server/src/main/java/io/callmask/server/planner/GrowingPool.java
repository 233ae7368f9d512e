package io.callmask.server.planner;

import io.callmask.server.masking.CandidateQuery;
import io.callmask.server.masking.CandidateSource;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.PoolConstraint;
import io.callmask.server.masking.ProxyNumber;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pool that adds a number whenever the rules admit none, so that its final size is the pool a
 * workload needed. Numbers are ranked in the order added, round-robin over {@code trunks}
 * trunks; bindings are bit sets of ranks per party, so first fit skips a busy party's numbers a
 * word at a time. One region. Not thread-safe.
 */
final class GrowingPool implements CandidateSource {

  private final String region;
  private final int trunks;
  private final int capacity;
  private final Map<Pool, Ranks> pools = new EnumMap<>(Pool.class);

  /**
   * @param region the region every query asks for
   * @param trunks how many trunks the numbers are spread over (at least 2, for backups)
   * @param capacity live sessions a number may serve
   */
  GrowingPool(String region, int trunks, int capacity) {
    if (trunks < 2) {
      throw new IllegalArgumentException("a backup needs at least two trunks");
    }
    this.region = region;
    this.trunks = trunks;
    this.capacity = capacity;
    for (Pool pool : Pool.values()) {
      pools.put(pool, new Ranks(pool));
    }
  }

  /** How many numbers {@code pool} holds now: the most it ever needed. */
  int size(Pool pool) {
    return pools.get(pool).numbers.size();
  }

  /** Binds {@code number} to {@code party}. */
  void bind(PhoneNumber party, ProxyNumber number) {
    Ranks ranks = pools.get(number.pool());
    BitSet held = ranks.held.computeIfAbsent(party, p -> new BitSet());
    int rank = ranks.rank(number.number());
    if (held.get(rank)) {
      throw new IllegalStateException("pair bound twice");
    }
    held.set(rank);
  }

  /** Releases the pair. */
  void unbind(PhoneNumber party, ProxyNumber number) {
    Ranks ranks = pools.get(number.pool());
    BitSet held = ranks.held.get(party);
    held.clear(ranks.rank(number.number()));
    if (held.isEmpty()) {
      ranks.held.remove(party);
    }
  }

  /** Counts one more live session on {@code number}. */
  void take(ProxyNumber number) {
    pools.get(number.pool()).add(number.number(), 1);
  }

  /** Counts one live session less on {@code number}. */
  void release(ProxyNumber number) {
    pools.get(number.pool()).add(number.number(), -1);
  }

  @Override
  public Optional<ProxyNumber> first(CandidateQuery query) {
    if (!query.region().equals(region)) {
      return Optional.empty();
    }
    Ranks ranks = pools.get(query.pool());
    boolean dedicated = query.maxLiveSessions() == 1;
    BitSet blocked = dedicated ? ranks.busy : ranks.full;
    // Every rank below the hint is blocked: start there rather than scanning a long busy prefix.
    int hint = dedicated ? ranks.firstIdle : ranks.firstNotFull;
    List<BitSet> held = new ArrayList<>();
    for (PhoneNumber party : query.parties()) {
      BitSet bits = ranks.held.get(party);
      if (bits != null) {
        held.add(bits);
      }
    }
    int rank = hint;
    while (true) {
      rank = blocked.nextClearBit(rank);
      int unheld = skipHeld(held, rank);
      if (unheld != rank) {
        rank = unheld;
        continue;
      }
      if (rank == ranks.numbers.size()) {
        ranks.grow();
      }
      ProxyNumber number = ranks.numbers.get(rank);
      if (query.admits(number, ranks.live[rank])) {
        return Optional.of(number);
      }
      rank++;
    }
  }

  @Override
  public PoolConstraint exhaustion(CandidateQuery query) {
    // The pool grows instead of running out; only a query for another region finds nothing.
    return PoolConstraint.NO_NUMBERS;
  }

  /** The first rank from {@code rank} on that none of the parties holds. */
  private static int skipHeld(List<BitSet> held, int rank) {
    int current = rank;
    boolean moved = true;
    while (moved) {
      moved = false;
      for (BitSet bits : held) {
        if (bits.get(current)) {
          current = bits.nextClearBit(current);
          moved = true;
        }
      }
    }
    return current;
  }

  /** One pool's numbers in rank order with their counts and bindings. */
  private final class Ranks {
    final Pool pool;
    final List<ProxyNumber> numbers = new ArrayList<>();
    final Map<PhoneNumber, Integer> rankOf = new HashMap<>();
    final Map<PhoneNumber, BitSet> held = new HashMap<>();
    final BitSet full = new BitSet();
    final BitSet busy = new BitSet();
    int[] live = new int[1024];
    int firstIdle;
    int firstNotFull;

    Ranks(Pool pool) {
      this.pool = pool;
    }

    int rank(PhoneNumber number) {
      return rankOf.get(number);
    }

    void grow() {
      int rank = numbers.size();
      PhoneNumber number = PhoneNumber.of(String.format("+1999%d%09d", pool.ordinal(), rank));
      numbers.add(new ProxyNumber(number, "t" + (1 + rank % trunks), region, pool, capacity,
          Health.HEALTHY));
      rankOf.put(number, rank);
      if (rank >= live.length) {
        live = java.util.Arrays.copyOf(live, live.length * 2);
      }
    }

    void add(PhoneNumber number, int delta) {
      int rank = rank(number);
      live[rank] += delta;
      if (live[rank] < 0 || live[rank] > capacity) {
        throw new IllegalStateException("live sessions out of range on " + number);
      }
      full.set(rank, live[rank] >= capacity);
      busy.set(rank, live[rank] > 0);
      firstIdle = busy.get(rank) && rank == firstIdle ? busy.nextClearBit(rank)
          : Math.min(firstIdle, busy.get(rank) ? firstIdle : rank);
      firstNotFull = full.get(rank) && rank == firstNotFull ? full.nextClearBit(rank)
          : Math.min(firstNotFull, full.get(rank) ? firstNotFull : rank);
    }
  }
}
