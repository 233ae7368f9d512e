package io.callmask.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.AllocationStrategy;
import io.callmask.server.masking.Binding;
import io.callmask.server.masking.CreateOutcome;
import io.callmask.server.masking.CreateRequest;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.NumberRole;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.RouteOutcome;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.SessionStore.BoundSession;
import io.callmask.server.masking.Side;
import io.callmask.server.masking.Trunk;
import io.callmask.server.store.RouteCache.BindingKey;
import io.callmask.server.store.RouteCache.RoutedSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The route cache's own guarantees: loads that race a change, its bound, its sole-writer rule. */
class RouteCacheTest {

  private static final PhoneNumber ALICE = PhoneNumber.of("+919000000001");
  private static final PhoneNumber BOB = PhoneNumber.of("+919000000002");
  private static final PhoneNumber P1 = PhoneNumber.of("+918000000001");
  private static final PhoneNumber P2 = PhoneNumber.of("+918000000002");
  private static final PhoneNumber P3 = PhoneNumber.of("+918000000003");
  private static final PhoneNumber P4 = PhoneNumber.of("+918000000004");

  private final RouteCache cache = new RouteCache(3);

  @Test
  void whatALoadReadIsFoundWithTheTrunksOfTheOtherSidesNumbers() {
    cache.keep(cache.loadStarted(), binding("s1"), routed("s1"));

    Optional<BoundSession> found = cache.find(ALICE, P1);

    assertThat(found).contains(new BoundSession(binding("s1"), session("s1"), "t3", "t4"));
  }

  @Test
  void aLoadThatBeganBeforeAChangeEndedIsNotKept() {
    long token = cache.loadStarted();
    cache.forget(Set.of(new BindingKey(P1.e164(), ALICE.e164())), Set.of());

    cache.keep(token, binding("s1"), routed("s1"));

    assertThat(cache.find(ALICE, P1)).isEmpty();
  }

  @Test
  void aChangeToAnotherBindingAlsoVoidsARacingLoad() {
    long token = cache.loadStarted();
    cache.forget(Set.of(), Set.of("some-other-session"));

    cache.keep(token, binding("s1"), routed("s1"));

    assertThat(cache.find(ALICE, P1)).isEmpty();
  }

  @Test
  void forgettingABindingOrItsSessionMakesTheNextLookupMiss() {
    cache.keep(cache.loadStarted(), binding("s1"), routed("s1"));
    cache.forget(Set.of(), Set.of("s1"));
    assertThat(cache.find(ALICE, P1)).isEmpty();

    cache.keep(cache.loadStarted(), binding("s1"), routed("s1"));
    cache.forget(Set.of(new BindingKey(P1.e164(), ALICE.e164())), Set.of());
    assertThat(cache.find(ALICE, P1)).isEmpty();
  }

  @Test
  void aFullCacheIsEmptiedBeforeItTakesMore() {
    for (int i = 1; i <= 3; i++) {
      cache.keep(cache.loadStarted(), new Binding(ALICE, PhoneNumber.of("+91800000010" + i),
          "s1", Side.CUSTOMER, NumberRole.PRIMARY, Optional.empty()), routed("s1"));
    }
    assertThat(cache.bindingCount()).isEqualTo(3);

    cache.keep(cache.loadStarted(), binding("s1"), routed("s1"));

    assertThat(cache.bindingCount()).isEqualTo(1);
    assertThat(cache.find(ALICE, P1)).isPresent();
  }

  /**
   * A change written around the store is not seen: why only the database's sole writer may keep
   * routes in memory, and what lets CachedRoutingTest fail when a change is not forgotten.
   */
  @Test
  void aChangeWrittenAroundTheStoreIsNotSeen() throws SQLException {
    try (Database database = TestDatabase.open()) {
      JdbcNumberStore numbers = new JdbcNumberStore(database);
      numbers.addTrunk(new Trunk("t1", "10.0.0.1", 5060, "udp", List.of()));
      numbers.addTrunk(new Trunk("t2", "10.0.0.2", 5060, "udp", List.of()));
      numbers.addNumbers(List.of(
          new ProxyNumber(P1, "t1", "KA", Pool.SHARED, 5, Health.HEALTHY),
          new ProxyNumber(P2, "t2", "KA", Pool.SHARED, 5, Health.HEALTHY)));
      MaskingService service = new MaskingService(JdbcSessionStore.withRouteCache(database),
          AllocationStrategy.SINGLE_POOL, Duration.ofDays(30), Clock.systemUTC());
      MaskingSession session = ((CreateOutcome.Created) service.create(
          new CreateRequest(ALICE, BOB, "KA", Optional.empty()))).session();
      PhoneNumber dialed = session.customer().proxy();
      assertThat(service.route(dialed, ALICE)).isInstanceOf(RouteOutcome.Routed.class);

      try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
          "UPDATE masking_sessions SET status = 'closed', closed_at = ? WHERE id = ?")) {
        Rows.setInstant(ps, 1, Instant.now());
        ps.setString(2, session.id());
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }

      assertThat(new JdbcSessionStore(database).boundSession(ALICE, dialed).orElseThrow()
          .session().isActive()).isFalse();
      assertThat(service.route(dialed, ALICE)).isInstanceOf(RouteOutcome.Routed.class);
    }
  }

  private static Binding binding(String sessionId) {
    return new Binding(ALICE, P1, sessionId, Side.CUSTOMER, NumberRole.PRIMARY, Optional.empty());
  }

  private static MaskingSession session(String id) {
    return new MaskingSession(id, Optional.empty(), "KA", MaskingSession.Status.ACTIVE,
        new SessionSide(ALICE, P1, P2, false), new SessionSide(BOB, P3, P4, false),
        Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), Optional.empty());
  }

  private static RoutedSession routed(String id) {
    return new RoutedSession(session(id),
        Map.of(P1.e164(), "t1", P2.e164(), "t2", P3.e164(), "t3", P4.e164(), "t4"));
  }
}
