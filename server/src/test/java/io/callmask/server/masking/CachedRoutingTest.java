package io.callmask.server.masking;

import static io.callmask.server.masking.TestStore.party;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.store.JdbcSessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing through a store that keeps routes in memory ({@link JdbcSessionStore#withRouteCache})
 * answers exactly as a query would, right after every kind of change made through it. Each test
 * routes first (so the answer is cached), changes the session, and routes again; the expected
 * answer comes from a store without a cache over the same database, which only reads. (That a
 * change written around the store is not seen, so that these tests can fail, is in {@code
 * RouteCacheTest}.)
 */
class CachedRoutingTest {

  private static final Duration QUARANTINE = Duration.ofDays(30);

  private final TestStore pool = new TestStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MaskingService cached = new MaskingService(
      JdbcSessionStore.withRouteCache(pool.database), AllocationStrategy.TWO_POOL, QUARANTINE,
      clock);
  /** Reads the database on every route: the truth the cached service must match. */
  private final MaskingService queried =
      new MaskingService(pool.sessions, AllocationStrategy.TWO_POOL, QUARANTINE, clock);

  CachedRoutingTest() {
    pool.add(0, 6, Pool.CUSTOMER, 10);
    pool.add(100, 6, Pool.PARTNER, 10);
  }

  @AfterEach
  void closeStore() {
    pool.close();
  }

  @Test
  void aCreatedSessionRoutesAtOnceWhereTheCallerHadNone() {
    assertThat(cached.route(TestStore.proxy(0), party(1)))
        .isInstanceOf(RouteOutcome.NoSession.class);
    MaskingSession session = create(1, 2);
    assertThat(cached.route(session.customer().proxy(), party(1)))
        .isInstanceOf(RouteOutcome.Routed.class)
        .isEqualTo(queried.route(session.customer().proxy(), party(1)));
  }

  @Test
  void aClosedSessionIsRefusedByTheNextLookup() {
    MaskingSession session = create(1, 2);
    assertThat(cached.route(session.customer().proxy(), party(1)))
        .isInstanceOf(RouteOutcome.Routed.class);
    assertThat(cached.route(session.partner().proxy(), party(2)))
        .isInstanceOf(RouteOutcome.Routed.class);

    cached.close(session.id());

    assertSame(session);
    assertThat(cached.route(session.customer().proxy(), party(1)))
        .isInstanceOf(RouteOutcome.SessionClosed.class);
  }

  @Test
  void aReplacedNumberIsPresentedAndRoutedByTheNextLookup() {
    MaskingSession session = create(1, 2);
    PhoneNumber leaving = session.partner().proxy();
    RouteOutcome before = cached.route(session.customer().proxy(), party(1));
    assertThat(cached.route(leaving, party(2))).isInstanceOf(RouteOutcome.Routed.class);

    cached.reportHealth(leaving, Health.UNHEALTHY);

    MaskingSession replaced = cached.session(session.id()).orElseThrow();
    assertThat(replaced.partner().proxy()).isNotEqualTo(leaving);
    RouteOutcome after = cached.route(session.customer().proxy(), party(1));
    assertThat(after).isNotEqualTo(before);
    assertThat(((RouteOutcome.Routed) after).primary().number())
        .isEqualTo(replaced.partner().proxy());
    assertSame(session);
    assertSame(replaced);
    assertThat(cached.route(leaving, party(2))).isEqualTo(queried.route(leaving, party(2)));
  }

  @Test
  void anEndedQuarantineRoutesNowhereBeforeAndAfterItsRelease() {
    MaskingSession session = create(1, 2);
    cached.close(session.id());
    assertThat(cached.route(session.customer().proxy(), party(1)))
        .isInstanceOf(RouteOutcome.SessionClosed.class);

    clock.advance(QUARANTINE.plusSeconds(1));
    assertThat(cached.route(session.customer().proxy(), party(1)))
        .isInstanceOf(RouteOutcome.NoSession.class);
    assertThat(cached.expireQuarantine()).isPositive();

    assertSame(session);
  }

  @Test
  void aPairReleasedAndTakenByANewSessionRoutesToTheNewOne() {
    MaskingSession first = create(1, 2);
    cached.close(first.id());
    assertThat(cached.route(first.customer().proxy(), party(1)))
        .isInstanceOf(RouteOutcome.SessionClosed.class);
    clock.advance(QUARANTINE.plusSeconds(1));

    // The create releases the parties' ended quarantines itself, and first fit takes them again.
    MaskingSession second = create(1, 2);

    assertThat(second.customer().proxy()).isEqualTo(first.customer().proxy());
    RouteOutcome outcome = cached.route(first.customer().proxy(), party(1));
    assertThat(outcome).isInstanceOf(RouteOutcome.Routed.class);
    assertThat(((RouteOutcome.Routed) outcome).session().id()).isEqualTo(second.id());
    assertSame(second);
  }

  @Test
  void clickToCallEnabledShowsInTheNextLookupsSession() {
    MaskingSession session = create(1, 2);
    assertThat(cached.route(session.customer().proxy(), party(1)))
        .isInstanceOf(RouteOutcome.Routed.class);

    cached.enableClickToCall(session.id(), Side.PARTNER);

    RouteOutcome outcome = cached.route(session.customer().proxy(), party(1));
    assertThat(((RouteOutcome.Routed) outcome).session().partner().clickToCall()).isTrue();
    assertSame(session);
  }

  @Test
  void everyRouteMatchesTheQueryAfterEachOfManyRandomChanges() {
    Random random = new Random(20261122);
    List<String> sessions = new ArrayList<>();
    pool.add(6, 4, Pool.CUSTOMER, 10);
    pool.add(106, 4, Pool.PARTNER, 10);
    List<PhoneNumber> numbers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      numbers.add(TestStore.proxy(i));
      numbers.add(TestStore.proxy(100 + i));
    }
    int[] done = new int[5];
    for (int step = 0; step < 150; step++) {
      switch (random.nextInt(6)) {
        case 0, 1 -> {
          CreateOutcome outcome = cached.create(new CreateRequest(party(1 + random.nextInt(4)),
              party(5 + random.nextInt(3)), "KA", Optional.empty()));
          if (outcome instanceof CreateOutcome.Created created) {
            sessions.add(created.session().id());
            done[0]++;
          }
        }
        case 2 -> {
          if (!sessions.isEmpty() && cached.close(sessions.get(random.nextInt(sessions.size())))
              instanceof CloseOutcome.Closed) {
            done[1]++;
          }
        }
        case 3 -> {
          HealthOutcome outcome = cached.reportHealth(numbers.get(random.nextInt(numbers.size())),
              random.nextBoolean() ? Health.HEALTHY : Health.UNHEALTHY);
          done[2] += ((HealthOutcome.Recorded) outcome).changes().size();
        }
        case 4 -> {
          clock.advance(Duration.ofDays(random.nextInt(20)));
          done[3] += cached.expireQuarantine();
        }
        default -> {
          if (!sessions.isEmpty() && cached.enableClickToCall(
              sessions.get(random.nextInt(sessions.size())),
              random.nextBoolean() ? Side.CUSTOMER : Side.PARTNER).isPresent()) {
            done[4]++;
          }
        }
      }
      for (int caller = 1; caller <= 7; caller++) {
        for (PhoneNumber dialed : numbers) {
          assertThat(cached.route(dialed, party(caller)))
              .as("step %d, caller %d dials %s", step, caller, dialed.e164())
              .isEqualTo(queried.route(dialed, party(caller)));
        }
      }
    }
    // Each kind of change happened, several times: creates, closes, replacements, releases of
    // ended quarantines, click-to-call enabled.
    assertThat(Arrays.stream(done).min().orElseThrow()).as(Arrays.toString(done))
        .isGreaterThanOrEqualTo(5);
  }

  private MaskingSession create(int customer, int partner) {
    CreateOutcome outcome = cached.create(
        new CreateRequest(party(customer), party(partner), "KA", Optional.empty()));
    assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
    return ((CreateOutcome.Created) outcome).session();
  }

  /** Every call into the session's numbers, from both of its parties, routes as a query would. */
  private void assertSame(MaskingSession session) {
    for (Side from : Side.values()) {
      SessionSide side = session.side(from);
      for (PhoneNumber dialed : List.of(side.proxy(), side.backupProxy())) {
        assertThat(cached.route(dialed, side.number()))
            .as("%s dials %s", from, dialed.e164())
            .isEqualTo(queried.route(dialed, side.number()));
      }
    }
  }
}
