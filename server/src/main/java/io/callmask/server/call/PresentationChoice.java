package io.callmask.server.call;

import io.callmask.server.masking.Health;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.Presentation;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.SessionSide;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which numbers a click-to-call presents to one party (issue 6 §1), primary then backup.
 *
 * <p>Normally the party's own proxy, through its trunk, and on failover its backup proxy: the
 * numbers the party knows from this session, which route back to it if it calls them. A number
 * marked unhealthy is not presented (its calls keep failing); in its place comes the party's other
 * number if healthy, then a healthy number of the session's region on a trunk that is up, from the
 * pool of the party's proxy first, in the pool's order. Such a stand-in is bound to no session, so
 * a call back to it finds none: it is the last resort. The backup is the first candidate after the
 * primary on another trunk (any other candidate if none is). When no number of the session is
 * healthy and the region has none either, the session's own numbers are presented anyway.
 *
 * <p>A trunk that is down does not disqualify the session's own numbers: the attempts then skip
 * to the backup, as for forwarded calls. Stateless; blocking only through the functions given.
 */
final class PresentationChoice {

  private final Function<PhoneNumber, Optional<ProxyNumber>> numbers;
  private final Function<String, List<ProxyNumber>> healthyInRegion;
  private final TrunkStatus trunks;

  /**
   * @param numbers a proxy number as the pool holds it (trunk, pool, health)
   * @param healthyInRegion the healthy numbers of a region, in the pool's order
   * @param trunks which trunks are down
   */
  PresentationChoice(Function<PhoneNumber, Optional<ProxyNumber>> numbers,
      Function<String, List<ProxyNumber>> healthyInRegion, TrunkStatus trunks) {
    this.numbers = numbers;
    this.healthyInRegion = healthyInRegion;
    this.trunks = trunks;
  }

  /** The target for calling {@code side}'s party in a session of {@code region}; empty: none. */
  Optional<CalleeAttempts.Target> target(SessionSide side, String region) {
    Optional<ProxyNumber> proxy = numbers.apply(side.proxy());
    Optional<ProxyNumber> backup = numbers.apply(side.backupProxy());
    if (isHealthy(proxy) && isHealthy(backup)) {
      return Optional.of(target(side, proxy.get(), backup.get()));
    }
    List<ProxyNumber> candidates = new ArrayList<>(4);
    proxy.filter(PresentationChoice::healthy).ifPresent(candidates::add);
    backup.filter(PresentationChoice::healthy).ifPresent(candidates::add);
    if (candidates.size() < 2) {
      candidates.addAll(standIns(region, proxy.or(() -> backup).map(ProxyNumber::pool), side));
    }
    if (candidates.isEmpty()) {
      if (proxy.isEmpty() || backup.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(target(side, proxy.get(), backup.get()));
    }
    ProxyNumber primary = candidates.get(0);
    ProxyNumber second = candidates.stream().skip(1)
        .filter(candidate -> !candidate.trunk().equals(primary.trunk()))
        .findFirst()
        .or(() -> candidates.stream().skip(1).findFirst())
        .or(() -> proxy.filter(p -> !p.equals(primary)))
        .or(() -> backup.filter(b -> !b.equals(primary)))
        .orElse(primary);
    return Optional.of(target(side, primary, second));
  }

  /** Healthy numbers of the region on trunks that are up, the party's pool first. */
  private List<ProxyNumber> standIns(String region, Optional<Pool> pool, SessionSide side) {
    return healthyInRegion.apply(region).stream()
        .filter(PresentationChoice::healthy)
        .filter(number -> !trunks.isDown(number.trunk()))
        .filter(number -> !number.number().equals(side.proxy())
            && !number.number().equals(side.backupProxy()))
        .sorted(Comparator.comparing(number -> pool.isPresent() && number.pool() != pool.get()))
        .toList();
  }

  private static CalleeAttempts.Target target(SessionSide side, ProxyNumber primary,
      ProxyNumber backup) {
    return new CalleeAttempts.Target(side.number(),
        new Presentation(primary.number(), primary.trunk()),
        new Presentation(backup.number(), backup.trunk()));
  }

  private static boolean isHealthy(Optional<ProxyNumber> number) {
    return number.filter(PresentationChoice::healthy).isPresent();
  }

  private static boolean healthy(ProxyNumber number) {
    return number.health() == Health.HEALTHY;
  }
}
