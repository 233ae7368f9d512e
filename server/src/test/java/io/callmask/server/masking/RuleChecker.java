package io.callmask.server.masking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads everything from the store and lists every broken rule of CONTRACT §4. Run it after
 * {@link MaskingService#expireQuarantine} so that the store holds exactly the live bindings.
 */
final class RuleChecker {

  private final SessionStore sessions;
  private final NumberStore numbers;
  private final AllocationStrategy strategy;
  private final Set<String> knownUnreplaced;

  RuleChecker(SessionStore sessions, NumberStore numbers, AllocationStrategy strategy,
      Set<String> knownUnreplaced) {
    this.sessions = sessions;
    this.numbers = numbers;
    this.strategy = strategy;
    this.knownUnreplaced = knownUnreplaced;
  }

  /** Every violation found, described; empty when all rules hold. */
  List<String> violations(Instant now) {
    List<String> violations = new ArrayList<>();
    Map<PhoneNumber, NumberStore.NumberUse> pool = new HashMap<>();
    numbers.numbers(NumberStore.NumberFilter.all())
        .forEach(use -> pool.put(use.number().number(), use));
    Set<String> bindingKeys = new HashSet<>();
    Map<PhoneNumber, Set<String>> sessionsPerNumber = new HashMap<>();
    for (Binding binding : sessions.bindings()) {
      bindingKeys.add(binding.party().e164() + "/" + binding.proxy().e164() + "/"
          + binding.sessionId());
      sessionsPerNumber.computeIfAbsent(binding.proxy(), n -> new HashSet<>())
          .add(binding.sessionId());
      if (!binding.isLiveAt(now)) {
        violations.add("binding outlived its quarantine: " + binding);
      }
    }
    Map<PhoneNumber, Set<PhoneNumber>> heldByParty = new HashMap<>();
    Map<PhoneNumber, Integer> liveSessionsPerNumber = new HashMap<>();
    for (MaskingSession session : sessions.sessions(java.util.Optional.empty(), Integer.MAX_VALUE)) {
      boolean live = session.isActive() || session.quarantineUntil().orElseThrow().isAfter(now);
      if (!live) {
        continue;
      }
      Set<PhoneNumber> used = new HashSet<>();
      for (Side side : Side.values()) {
        SessionSide of = session.side(side);
        checkSide(session, side, of, pool, violations);
        for (NumberRole role : NumberRole.values()) {
          PhoneNumber proxy = of.proxy(role);
          used.add(proxy);
          if (!heldByParty.computeIfAbsent(of.number(), p -> new HashSet<>()).add(proxy)) {
            violations.add("party " + of.number() + " holds " + proxy + " twice");
          }
          if (!bindingKeys.contains(of.number().e164() + "/" + proxy.e164() + "/" + session.id())) {
            violations.add("session " + session.id() + " " + side + " " + role + " not bound");
          }
        }
      }
      if (strategy != AllocationStrategy.TWO_POOL
          && !session.customer().proxy().equals(session.partner().proxy())) {
        violations.add("session " + session.id() + " sides differ under " + strategy);
      }
      used.forEach(n -> liveSessionsPerNumber.merge(n, 1, Integer::sum));
    }
    for (NumberStore.NumberUse use : pool.values()) {
      PhoneNumber number = use.number().number();
      int counted = sessionsPerNumber.getOrDefault(number, Set.of()).size();
      int limit = strategy == AllocationStrategy.DEDICATED ? 1 : use.number().capacity();
      if (counted > limit) {
        violations.add(number + " serves " + counted + " live sessions, limit " + limit);
      }
      if (counted != use.liveSessions()) {
        violations.add(number + " counter " + use.liveSessions() + " but " + counted + " held");
      }
      if (liveSessionsPerNumber.getOrDefault(number, 0) > counted) {
        violations.add(number + " used by more live sessions than hold it");
      }
    }
    return violations;
  }

  private void checkSide(MaskingSession session, Side side, SessionSide of,
      Map<PhoneNumber, NumberStore.NumberUse> pool, List<String> violations) {
    ProxyNumber proxy = pool.get(of.proxy()).number();
    ProxyNumber backup = pool.get(of.backupProxy()).number();
    String where = "session " + session.id() + " " + side + ": ";
    if (proxy.trunk().equals(backup.trunk())) {
      violations.add(where + "backup on the primary's trunk");
    }
    for (ProxyNumber number : List.of(proxy, backup)) {
      if (!number.region().equals(session.region())) {
        violations.add(where + number.number() + " of another region");
      }
      if (number.pool() != new Allocator(strategy).poolFor(side)) {
        violations.add(where + number.number() + " from pool " + number.pool());
      }
      if (session.isActive() && number.health() != Health.HEALTHY
          && !knownUnreplaced.contains(session.id())) {
        violations.add(where + number.number() + " is unhealthy");
      }
    }
  }
}
