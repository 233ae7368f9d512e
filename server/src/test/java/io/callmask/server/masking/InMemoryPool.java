package io.callmask.server.masking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pool of proxy numbers with their live-session counts and (party, proxy) bindings held in
 * memory, for tests of the allocation rules without a database. It answers {@link
 * CandidateSource} with the same rules as the store. Not thread-safe.
 */
public final class InMemoryPool implements CandidateSource {

  private final List<ProxyNumber> byRank = new ArrayList<>();
  private final List<Integer> live = new ArrayList<>();
  private final Map<PhoneNumber, Integer> ranks = new HashMap<>();
  private final Map<PhoneNumber, Set<PhoneNumber>> boundByParty = new HashMap<>();
  /** Per region and pool: ranks of healthy numbers under capacity, and of idle ones. */
  private final Map<String, NavigableSet<Integer>> withRoom = new HashMap<>();
  private final Map<String, NavigableSet<Integer>> idle = new HashMap<>();

  /** Adds a number after all others (the lowest rank is chosen first). */
  public void add(ProxyNumber number) {
    if (ranks.containsKey(number.number())) {
      throw new IllegalArgumentException("number already in the pool: " + number.number());
    }
    ranks.put(number.number(), byRank.size());
    byRank.add(number);
    live.add(0);
    index(byRank.size() - 1);
  }

  /** How many numbers the pool holds. */
  public int size() {
    return byRank.size();
  }

  /** The number registered under {@code number}. */
  public Optional<ProxyNumber> number(PhoneNumber number) {
    return Optional.ofNullable(ranks.get(number)).map(byRank::get);
  }

  /** Live sessions on {@code number}. */
  public int liveSessions(PhoneNumber number) {
    return live.get(rank(number));
  }

  /** Records a health change. */
  public void setHealth(PhoneNumber number, Health health) {
    int rank = rank(number);
    byRank.set(rank, byRank.get(rank).withHealth(health));
    index(rank);
  }

  /** Counts one more live session on {@code number}; refuses past capacity. */
  public void take(PhoneNumber number) {
    int rank = rank(number);
    if (live.get(rank) >= byRank.get(rank).capacity()) {
      throw new IllegalStateException("capacity exceeded on " + number);
    }
    live.set(rank, live.get(rank) + 1);
    index(rank);
  }

  /** Counts one live session less on {@code number}. */
  public void release(PhoneNumber number) {
    int rank = rank(number);
    if (live.get(rank) == 0) {
      throw new IllegalStateException("no live session on " + number);
    }
    live.set(rank, live.get(rank) - 1);
    index(rank);
  }

  /** Binds {@code proxy} to {@code party}; refuses a pair that is already bound. */
  public void bind(PhoneNumber party, PhoneNumber proxy) {
    if (!boundByParty.computeIfAbsent(party, p -> new HashSet<>()).add(proxy)) {
      throw new IllegalStateException("pair already bound");
    }
  }

  /** Releases the pair. */
  public void unbind(PhoneNumber party, PhoneNumber proxy) {
    Set<PhoneNumber> bound = boundByParty.get(party);
    if (bound == null || !bound.remove(proxy)) {
      throw new IllegalStateException("pair not bound");
    }
    if (bound.isEmpty()) {
      boundByParty.remove(party);
    }
  }

  @Override
  public Optional<ProxyNumber> first(CandidateQuery query) {
    NavigableSet<Integer> ranksWithRoom = query.maxLiveSessions() == 1
        ? idle.get(key(query.region(), query.pool()))
        : withRoom.get(key(query.region(), query.pool()));
    if (ranksWithRoom == null) {
      return Optional.empty();
    }
    for (int rank : ranksWithRoom) {
      ProxyNumber number = byRank.get(rank);
      if (query.admits(number, live.get(rank)) && unbound(number.number(), query.parties())) {
        return Optional.of(number);
      }
    }
    return Optional.empty();
  }

  @Override
  public PoolConstraint exhaustion(CandidateQuery query) {
    long[] remaining = new long[PoolConstraint.values().length];
    for (int rank = 0; rank < byRank.size(); rank++) {
      ProxyNumber number = byRank.get(rank);
      if (!number.region().equals(query.region()) || number.pool() != query.pool()
          || query.excluded().contains(number.number())) {
        continue;
      }
      remaining[0]++;
      if (number.health() != Health.HEALTHY) {
        continue;
      }
      remaining[1]++;
      if (live.get(rank) >= Math.min(number.capacity(), query.maxLiveSessions())) {
        continue;
      }
      remaining[2]++;
      if (!unbound(number.number(), query.parties())) {
        continue;
      }
      remaining[3]++;
      if (query.admits(number, live.get(rank))) {
        remaining[4]++;
      }
    }
    return PoolConstraint.firstEmpty(remaining);
  }

  private boolean unbound(PhoneNumber number, Set<PhoneNumber> parties) {
    for (PhoneNumber party : parties) {
      Set<PhoneNumber> bound = boundByParty.get(party);
      if (bound != null && bound.contains(number)) {
        return false;
      }
    }
    return true;
  }

  private int rank(PhoneNumber number) {
    Integer rank = ranks.get(number);
    if (rank == null) {
      throw new IllegalArgumentException("not in the pool: " + number);
    }
    return rank;
  }

  private void index(int rank) {
    ProxyNumber number = byRank.get(rank);
    String key = key(number.region(), number.pool());
    NavigableSet<Integer> room = withRoom.computeIfAbsent(key, k -> new TreeSet<>());
    NavigableSet<Integer> free = idle.computeIfAbsent(key, k -> new TreeSet<>());
    boolean healthy = number.health() == Health.HEALTHY;
    if (healthy && live.get(rank) < number.capacity()) {
      room.add(rank);
    } else {
      room.remove(rank);
    }
    if (healthy && live.get(rank) == 0) {
      free.add(rank);
    } else {
      free.remove(rank);
    }
  }

  private static String key(String region, Pool pool) {
    return region + '\u0000' + pool.name();
  }
}
