package io.callmask.server.masking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The masking engine's front door (CONTRACT §4): creates and closes sessions, routes calls,
 * replaces unhealthy numbers and ends quarantines. The rules live in {@link Allocator} and are
 * enforced by the {@link SessionStore}; this class runs each unit of work in one transaction and
 * retries it when a concurrent one won a race. Thread-safe; blocking (call it off event loops).
 */
public final class MaskingService {

  private static final Logger LOG = LoggerFactory.getLogger(MaskingService.class);
  private static final int MAX_ATTEMPTS = 200;
  private static final int RELEASE_BATCH = 500;

  private final SessionStore store;
  private final Allocator allocator;
  private final Duration quarantine;
  private final Clock clock;
  private final SessionListener listener;

  /**
   * @param store where sessions live
   * @param strategy how numbers are shared ({@code allocation.strategy})
   * @param quarantine how long a closed session's pairs stay reserved ({@code recycle.quarantine})
   * @param clock the time source (tests move it by hand)
   */
  public MaskingService(
      SessionStore store, AllocationStrategy strategy, Duration quarantine, Clock clock) {
    this(store, strategy, quarantine, clock, SessionListener.NONE);
  }

  /** As above, and tells {@code listener} about each committed change. */
  public MaskingService(SessionStore store, AllocationStrategy strategy, Duration quarantine,
      Clock clock, SessionListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.store = Objects.requireNonNull(store, "store");
    this.allocator = new Allocator(strategy);
    if (quarantine.isNegative()) {
      throw new IllegalArgumentException("quarantine must not be negative");
    }
    this.quarantine = quarantine;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The strategy in force. */
  public AllocationStrategy strategy() {
    return allocator.strategy();
  }

  /** Creates a session, or returns the one of the same ref (CONTRACT §4, §5). */
  public CreateOutcome create(CreateRequest request) {
    CreateOutcome outcome = retrying(tx -> create(tx, request));
    if (outcome instanceof PoolExhausted exhausted) {
      LOG.warn("pool exhausted for a session in {}", exhausted.describe());
      listener.poolExhausted(exhausted);
    }
    if (outcome instanceof CreateOutcome.Created created) {
      listener.created(created.session());
    }
    return outcome;
  }

  /** Closes a session: its pairs stay reserved for the quarantine. */
  public CloseOutcome close(String id) {
    CloseOutcome outcome = retrying(tx -> close(tx, id));
    if (outcome instanceof CloseOutcome.Closed closed) {
      listener.closed(closed.session());
    }
    return outcome;
  }

  /** The session with that id. */
  public Optional<MaskingSession> session(String id) {
    return store.session(id);
  }

  /** The session created with that ref. */
  public Optional<MaskingSession> sessionByRef(String ref) {
    return store.sessionByRef(ref);
  }

  /** Sessions, newest first, optionally of one status; at most {@code limit}. */
  public List<MaskingSession> sessions(Optional<MaskingSession.Status> status, int limit) {
    return store.sessions(status, limit);
  }

  /** The proxy number as the pool holds it, if it is one. */
  public Optional<ProxyNumber> number(PhoneNumber number) {
    return store.number(number);
  }

  /** The proxy numbers among {@code numbers} as the pool holds them, read together. */
  public Map<PhoneNumber, ProxyNumber> numbers(Collection<PhoneNumber> numbers) {
    return store.numbers(numbers);
  }

  /** Marks click-to-call enabled for one side of a session; empty when there is no such session. */
  public Optional<MaskingSession> enableClickToCall(String id, Side side) {
    return retrying(tx -> tx.lockSession(id).map(session -> {
      MaskingSession changed = session.withSide(side, session.side(side).withClickToCall(true));
      tx.updateSession(changed);
      return changed;
    }));
  }

  /**
   * Where a call from {@code caller} to {@code dialed} goes: the session, the calling side, the
   * B-leg target and the numbers to present, or why there is none (CONTRACT §6).
   */
  public RouteOutcome route(PhoneNumber dialed, PhoneNumber caller) {
    return outcome(store.boundSession(caller, dialed));
  }

  /**
   * What {@link #route} would answer, when the store holds the binding in memory; empty when
   * only a read can tell. Never blocks.
   */
  public Optional<RouteOutcome> routeInMemory(PhoneNumber dialed, PhoneNumber caller) {
    return store.boundSessionInMemory(caller, dialed).map(bound -> outcome(Optional.of(bound)));
  }

  private RouteOutcome outcome(Optional<SessionStore.BoundSession> bound) {
    Optional<SessionStore.BoundSession> found =
        bound.filter(b -> b.binding().isLiveAt(clock.instant()));
    if (found.isEmpty()) {
      return new RouteOutcome.NoSession();
    }
    MaskingSession session = found.get().session();
    if (!session.isActive()) {
      return new RouteOutcome.SessionClosed(session);
    }
    Side from = found.get().binding().side();
    SessionSide callee = session.side(from.other());
    return new RouteOutcome.Routed(session, from, callee.number(),
        new Presentation(callee.proxy(), found.get().calleeProxyTrunk()),
        new Presentation(callee.backupProxy(), found.get().calleeBackupTrunk()));
  }

  /**
   * Records a health report. A number reported unhealthy is replaced in every active session
   * that uses it by one that obeys the same rules; the old number stays reserved to those
   * parties for the quarantine.
   */
  public HealthOutcome reportHealth(PhoneNumber number, Health health) {
    boolean known = retrying(tx -> tx.setHealth(number, health));
    if (!known) {
      return new HealthOutcome.UnknownNumber(number);
    }
    List<NumberChange> changes = new ArrayList<>();
    Map<String, PoolExhausted> unreplaced = new LinkedHashMap<>();
    if (health == Health.UNHEALTHY) {
      for (String sessionId : store.activeSessionsUsing(number)) {
        Replacements done = retrying(tx -> replace(tx, sessionId, number));
        changes.addAll(done.changes());
        if (!done.changes().isEmpty()) {
          store.session(sessionId).ifPresent(s -> listener.numbersChanged(s, done.changes()));
        }
        done.exhausted().ifPresent(exhausted -> {
          unreplaced.put(sessionId, exhausted);
          listener.poolExhausted(exhausted);
        });
      }
      LOG.info("number {} unhealthy: {} replacements, {} sessions without one", number,
          changes.size(), unreplaced.size());
    }
    ProxyNumber current = store.number(number).orElseThrow();
    return new HealthOutcome.Recorded(current, changes, unreplaced);
  }

  /** Releases every (party, proxy) pair whose quarantine has ended; returns how many groups. */
  public int expireQuarantine() {
    int total = 0;
    int released;
    do {
      Instant now = clock.instant();
      released = retrying(tx -> tx.releaseExpired(Set.of(), now, RELEASE_BATCH));
      total += released;
    } while (released == RELEASE_BATCH);
    return total;
  }

  private CreateOutcome create(SessionTransaction tx, CreateRequest request) {
    Instant now = clock.instant();
    if (request.ref().isPresent()) {
      Optional<MaskingSession> existing = tx.sessionByRef(request.ref().get());
      if (existing.isPresent()) {
        return existing.get().hasParties(request.customer(), request.partner())
            ? new CreateOutcome.Existing(existing.get())
            : new CreateOutcome.RefConflict(request.ref().get(), existing.get().id());
      }
    }
    tx.releaseExpired(Set.of(request.customer(), request.partner()), now, Integer.MAX_VALUE);
    Allocation allocation =
        allocator.allocate(request.region(), request.customer(), request.partner(), tx);
    if (allocation instanceof PoolExhausted exhausted) {
      return exhausted;
    }
    NumberPlan plan = (NumberPlan) allocation;
    for (PhoneNumber number : plan.distinctNumbers()) {
      tx.take(number, allocator.strategy() == AllocationStrategy.DEDICATED ? 1 : Integer.MAX_VALUE);
    }
    MaskingSession session = new MaskingSession(UUID.randomUUID().toString(), request.ref(),
        request.region(), MaskingSession.Status.ACTIVE,
        side(request.customer(), plan, Side.CUSTOMER), side(request.partner(), plan, Side.PARTNER),
        now, Optional.empty(), Optional.empty());
    tx.insertSession(session);
    tx.insertBindings(SessionBindings.of(session));
    return new CreateOutcome.Created(session);
  }

  private CloseOutcome close(SessionTransaction tx, String id) {
    Optional<MaskingSession> found = tx.lockSession(id);
    if (found.isEmpty()) {
      return new CloseOutcome.NoSuchSession(id);
    }
    if (!found.get().isActive()) {
      return new CloseOutcome.AlreadyClosed(found.get());
    }
    Instant now = clock.instant();
    Instant until = now.plus(quarantine);
    MaskingSession closed = found.get().closed(now, until);
    tx.updateSession(closed);
    tx.quarantineSession(id, until);
    return new CloseOutcome.Closed(closed);
  }

  private Replacements replace(SessionTransaction tx, String sessionId, PhoneNumber leaving) {
    Optional<MaskingSession> found = tx.lockSession(sessionId);
    if (found.isEmpty() || !found.get().isActive()) {
      return Replacements.NONE;
    }
    MaskingSession session = found.get();
    List<NumberChange> changes = new ArrayList<>();
    for (NumberRole role : NumberRole.values()) {
      List<Side> sides = new ArrayList<>();
      for (Side side : Side.values()) {
        if (session.side(side).proxy(role).equals(leaving)) {
          sides.add(side);
        }
      }
      if (sides.isEmpty()) {
        continue;
      }
      NumberRole otherRole = role == NumberRole.PRIMARY ? NumberRole.BACKUP : NumberRole.PRIMARY;
      ProxyNumber kept = tx.number(session.side(sides.get(0)).proxy(otherRole)).orElseThrow();
      ProxyNumber old = tx.number(leaving).orElseThrow();
      Set<PhoneNumber> parties = new TreeSet<>();
      sides.forEach(side -> parties.add(session.side(side).number()));
      Replacement choice = allocator.replacement(session.region(), parties, old.pool(), role,
          kept, leaving, tx);
      if (choice instanceof PoolExhausted exhausted) {
        return new Replacements(changes, Optional.of(exhausted));
      }
      ProxyNumber chosen = ((Replacement.Chosen) choice).number();
      tx.take(chosen.number(),
          allocator.strategy() == AllocationStrategy.DEDICATED ? 1 : Integer.MAX_VALUE);
      Instant now = clock.instant();
      tx.quarantineNumber(sessionId, leaving, now.plus(quarantine));
      List<Binding> added = new ArrayList<>();
      MaskingSession updated = session;
      for (Side side : sides) {
        updated = updated.withSide(side, updated.side(side).withProxy(role, chosen.number()));
        added.add(new Binding(session.side(side).number(), chosen.number(), sessionId, side, role,
            Optional.empty()));
        changes.add(new NumberChange(sessionId, side, role, leaving, chosen.number()));
      }
      tx.insertBindings(added);
      tx.updateSession(updated);
      return new Replacements(changes, Optional.empty());
    }
    return new Replacements(changes, Optional.empty());
  }

  private static SessionSide side(PhoneNumber party, NumberPlan plan, Side side) {
    return new SessionSide(party, plan.number(side, NumberRole.PRIMARY).number(),
        plan.number(side, NumberRole.BACKUP).number(), false);
  }

  private <T> T retrying(Function<SessionTransaction, T> work) {
    ConcurrentChangeException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        return store.inTransaction(work);
      } catch (ConcurrentChangeException e) {
        last = e;
        LOG.debug("attempt {} lost a race: {}", attempt, e.getMessage());
        Thread.yield();
      }
    }
    throw new IllegalStateException("gave up after " + MAX_ATTEMPTS + " conflicting attempts",
        last);
  }

  /** The replacements made in one session, and the exhaustion that stopped one, if any. */
  private record Replacements(List<NumberChange> changes, Optional<PoolExhausted> exhausted) {
    static final Replacements NONE = new Replacements(List.of(), Optional.empty());
  }
}
