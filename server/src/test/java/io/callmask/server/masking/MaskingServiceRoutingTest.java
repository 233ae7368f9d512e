package io.callmask.server.masking;

import static io.callmask.server.masking.TestStore.party;
import static io.callmask.server.masking.TestStore.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.store.JdbcSessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** (dialed proxy, caller) to session, direction, B-leg target and numbers to present (§6). */
class MaskingServiceRoutingTest {

  private static final Duration QUARANTINE = Duration.ofDays(30);

  private final TestStore pool = new TestStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @AfterEach
  void closeStore() {
    pool.close();
  }

  /** A service over {@code store}, with one shared pool of two numbers. */
  private MaskingService sharedPoolService(SessionStore store) {
    pool.add(0, 2, Pool.SHARED, 10);
    return new MaskingService(store, AllocationStrategy.SINGLE_POOL, QUARANTINE, clock);
  }

  private MaskingSession create(MaskingService service, int customer, int partner) {
    return ((CreateOutcome.Created) service.create(
        new CreateRequest(party(customer), party(partner), "KA", Optional.empty()))).session();
  }

  @Test
  void aCustomerCallReachesThePartnerPresentingThePartnersProxyThenBackup() {
    pool.add(0, 2, Pool.CUSTOMER, 10);
    pool.add(100, 2, Pool.PARTNER, 10);
    MaskingService service =
        new MaskingService(pool.sessions, AllocationStrategy.TWO_POOL, QUARANTINE, clock);
    MaskingSession session = create(service, 1, 2);

    RouteOutcome outcome = service.route(session.customer().proxy(), party(1));

    assertThat(outcome).isEqualTo(new RouteOutcome.Routed(session, Side.CUSTOMER, party(2),
        new Presentation(proxy(100), "t1"), new Presentation(proxy(101), "t2")));
  }

  @Test
  void aPartnerCallReachesTheCustomerPresentingTheCustomersProxy() {
    pool.add(0, 2, Pool.CUSTOMER, 10);
    pool.add(100, 2, Pool.PARTNER, 10);
    MaskingService service =
        new MaskingService(pool.sessions, AllocationStrategy.TWO_POOL, QUARANTINE, clock);
    MaskingSession session = create(service, 1, 2);

    RouteOutcome outcome = service.route(session.partner().proxy(), party(2));

    assertThat(outcome).isEqualTo(new RouteOutcome.Routed(session, Side.PARTNER, party(1),
        new Presentation(proxy(0), "t1"), new Presentation(proxy(1), "t2")));
  }

  @Test
  void dialingTheBackupProxyRoutesToo() {
    MaskingService service = sharedPoolService(pool.sessions);
    MaskingSession session = create(service, 1, 2);
    assertThat(service.route(session.customer().backupProxy(), party(1)))
        .isInstanceOf(RouteOutcome.Routed.class);
  }

  @Test
  void theSameDialedNumberReachesDifferentSessionsForDifferentCallers() {
    MaskingService service = sharedPoolService(pool.sessions);
    MaskingSession first = create(service, 1, 2);
    MaskingSession second = create(service, 3, 4);
    assertThat(first.customer().proxy()).isEqualTo(second.customer().proxy());

    RouteOutcome.Routed fromThree = (RouteOutcome.Routed) service.route(proxy(0), party(3));
    RouteOutcome.Routed fromTwo = (RouteOutcome.Routed) service.route(proxy(0), party(2));

    assertThat(fromThree.session().id()).isEqualTo(second.id());
    assertThat(fromThree.target()).isEqualTo(party(4));
    assertThat(fromTwo.session().id()).isEqualTo(first.id());
    assertThat(fromTwo.from()).isEqualTo(Side.PARTNER);
    assertThat(fromTwo.target()).isEqualTo(party(1));
  }

  @Test
  void aClosedSessionInQuarantineIsToldApartFromNoSession() {
    MaskingService service = sharedPoolService(pool.sessions);
    MaskingSession session = create(service, 1, 2);
    MaskingSession closed = ((CloseOutcome.Closed) service.close(session.id())).session();

    assertThat(service.route(proxy(0), party(1))).isEqualTo(new RouteOutcome.SessionClosed(closed));
    assertThat(service.route(proxy(0), party(9))).isEqualTo(new RouteOutcome.NoSession());
  }

  @Test
  void afterTheQuarantineTheCallerIsUnknownEvenBeforeExpiryRuns() {
    MaskingService service = sharedPoolService(pool.sessions);
    MaskingSession session = create(service, 1, 2);
    service.close(session.id());
    clock.advance(QUARANTINE);
    assertThat(service.route(proxy(0), party(1))).isEqualTo(new RouteOutcome.NoSession());
    service.expireQuarantine();
    assertThat(service.route(proxy(0), party(1))).isEqualTo(new RouteOutcome.NoSession());
  }

  @Test
  void aNumberNobodyHoldsIsNoSession() {
    MaskingService service = sharedPoolService(pool.sessions);
    assertThat(service.route(proxy(0), party(1))).isEqualTo(new RouteOutcome.NoSession());
  }

  @Test
  void fromMemoryARouteIsWhatTheReadFoundAndFollowsTheSessionsChanges() {
    MaskingService service = sharedPoolService(JdbcSessionStore.withRouteCache(pool.database));
    MaskingSession session = create(service, 1, 2);

    RouteOutcome read = service.route(proxy(0), party(1));
    assertThat(read).isInstanceOf(RouteOutcome.Routed.class);
    assertThat(service.routeInMemory(proxy(0), party(1))).contains(read);

    MaskingSession closed = ((CloseOutcome.Closed) service.close(session.id())).session();
    RouteOutcome afterClose = service.route(proxy(0), party(1));
    assertThat(afterClose).isEqualTo(new RouteOutcome.SessionClosed(closed));
    assertThat(service.routeInMemory(proxy(0), party(1))).contains(afterClose);
    clock.advance(QUARANTINE);
    assertThat(service.routeInMemory(proxy(0), party(1))).contains(new RouteOutcome.NoSession());
  }

  @Test
  void aStoreThatKeepsNothingInMemoryLeavesEveryRouteToTheRead() {
    MaskingService service = sharedPoolService(pool.sessions);
    create(service, 1, 2);

    assertThat(service.route(proxy(0), party(1))).isInstanceOf(RouteOutcome.Routed.class);
    assertThat(service.routeInMemory(proxy(0), party(1))).isEmpty();
  }
}
