package io.callmask.server.masking;

import static io.callmask.server.masking.TestStore.party;
import static io.callmask.server.masking.TestStore.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rules of CONTRACT §4 through the service, on a real (in-memory H2) store. */
class MaskingServiceTest {

  private static final Duration QUARANTINE = Duration.ofDays(30);

  private final TestStore pool = new TestStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @AfterEach
  void closeStore() {
    pool.close();
  }

  private MaskingService service(AllocationStrategy strategy) {
    return new MaskingService(pool.sessions, strategy, QUARANTINE, clock);
  }

  private static CreateRequest request(int customer, int partner) {
    return new CreateRequest(party(customer), party(partner), "KA", Optional.empty());
  }

  private static MaskingSession created(CreateOutcome outcome) {
    assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
    return ((CreateOutcome.Created) outcome).session();
  }

  @Test
  void twoPoolGivesTheCustomerCustomerNumbersAndThePartnerPartnerNumbers() {
    List<ProxyNumber> customerPool = pool.add(0, 2, Pool.CUSTOMER, 10);
    List<ProxyNumber> partnerPool = pool.add(100, 2, Pool.PARTNER, 10);
    MaskingSession session = created(service(AllocationStrategy.TWO_POOL).create(request(1, 2)));
    assertThat(Set.of(session.customer().proxy(), session.customer().backupProxy()))
        .isEqualTo(Set.of(customerPool.get(0).number(), customerPool.get(1).number()));
    assertThat(Set.of(session.partner().proxy(), session.partner().backupProxy()))
        .isEqualTo(Set.of(partnerPool.get(0).number(), partnerPool.get(1).number()));
  }

  @Test
  void singlePoolShowsBothSidesTheSameSharedNumbers() {
    pool.add(0, 2, Pool.SHARED, 10);
    MaskingSession session =
        created(service(AllocationStrategy.SINGLE_POOL).create(request(1, 2)));
    assertThat(session.customer().proxy()).isEqualTo(session.partner().proxy());
    assertThat(session.customer().backupProxy()).isEqualTo(session.partner().backupProxy());
  }

  @Test
  void dedicatedGivesEachLiveSessionNumbersNoOtherLiveSessionHas() {
    pool.add(0, 4, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.DEDICATED);
    MaskingSession first = created(service.create(request(1, 2)));
    MaskingSession second = created(service.create(request(3, 4)));
    assertThat(Set.of(first.customer().proxy(), first.customer().backupProxy()))
        .doesNotContainAnyElementsOf(
            Set.of(second.customer().proxy(), second.customer().backupProxy()));
    assertThat(service.create(request(5, 6))).isInstanceOf(PoolExhausted.class);
  }

  @Test
  void aPartyNeverHoldsTheSameNumberInTwoLiveSessions() {
    pool.add(0, 12, Pool.SHARED, 100);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    Set<PhoneNumber> seenByParty1 = new HashSet<>();
    for (int partner = 2; partner <= 7; partner++) {
      MaskingSession session = created(service.create(request(1, partner)));
      assertThat(seenByParty1.add(session.customer().proxy())).isTrue();
      assertThat(seenByParty1.add(session.customer().backupProxy())).isTrue();
    }
    assertThat(service.create(request(1, 8))).isInstanceOf(PoolExhausted.class);
  }

  @Test
  void numbersAddedAfterThePoolWasExhaustedAreChosenNext() {
    pool.add(0, 2, Pool.SHARED, 100);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    created(service.create(request(1, 2)));
    assertThat(service.create(request(1, 3))).isInstanceOf(PoolExhausted.class);
    pool.add(2, 2, Pool.SHARED, 100);
    MaskingSession session = created(service.create(request(1, 3)));
    assertThat(session.customer().proxy()).isEqualTo(proxy(2));
    assertThat(session.customer().backupProxy()).isEqualTo(proxy(3));
  }

  @Test
  void aNumberThatBecameHealthyAgainIsChosenInRankOrder() {
    pool.add(0, 4, Pool.SHARED, 100);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    service.reportHealth(proxy(0), Health.UNHEALTHY);
    assertThat(created(service.create(request(1, 2))).customer().proxy()).isEqualTo(proxy(1));
    service.reportHealth(proxy(0), Health.HEALTHY);
    assertThat(created(service.create(request(3, 4))).customer().proxy()).isEqualTo(proxy(0));
  }

  @Test
  void oneNumberServesManySessionsOfDifferentParties() {
    pool.add(0, 2, Pool.SHARED, 100);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    for (int i = 0; i < 5; i++) {
      MaskingSession session = created(service.create(request(10 + 2 * i, 11 + 2 * i)));
      assertThat(session.customer().proxy()).isEqualTo(proxy(0));
    }
    assertThat(pool.sessions.number(proxy(0))).isPresent();
    assertThat(liveSessions(proxy(0))).isEqualTo(5);
  }

  @Test
  void onlyNumbersOfTheSessionRegionAreChosen() {
    pool.numbers.addNumbers(List.of(
        new ProxyNumber(proxy(50), "t1", "MH", Pool.SHARED, 10, Health.HEALTHY),
        new ProxyNumber(proxy(51), "t2", "MH", Pool.SHARED, 10, Health.HEALTHY)));
    pool.add(0, 2, Pool.SHARED, 10);
    MaskingSession session =
        created(service(AllocationStrategy.SINGLE_POOL).create(request(1, 2)));
    assertThat(Set.of(session.customer().proxy(), session.customer().backupProxy()))
        .containsExactlyInAnyOrder(proxy(0), proxy(1));
  }

  @Test
  void unhealthyNumbersAreNotChosen() {
    pool.add(0, 4, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    service.reportHealth(proxy(0), Health.UNHEALTHY);
    MaskingSession session = created(service.create(request(1, 2)));
    assertThat(session.customer().proxy()).isEqualTo(proxy(1));
    assertThat(session.customer().backupProxy()).isEqualTo(proxy(2));
  }

  @Test
  void capacityCountsQuarantinedSessionsAsLive() {
    pool.add(0, 2, Pool.SHARED, 1);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession first = created(service.create(request(1, 2)));
    service.close(first.id());
    assertThat(service.create(request(3, 4))).isEqualTo(
        new PoolExhausted("KA", Pool.SHARED, NumberRole.PRIMARY, PoolConstraint.CAPACITY));
    clock.advance(QUARANTINE);
    assertThat(service.expireQuarantine()).isEqualTo(2);
    created(service.create(request(3, 4)));
  }

  @Test
  void backupComesFromTheSameRegionOnAnotherTrunk() {
    pool.numbers.addNumbers(List.of(
        new ProxyNumber(proxy(0), "t1", "KA", Pool.SHARED, 10, Health.HEALTHY),
        new ProxyNumber(proxy(1), "t1", "KA", Pool.SHARED, 10, Health.HEALTHY),
        new ProxyNumber(proxy(2), "t2", "MH", Pool.SHARED, 10, Health.HEALTHY),
        new ProxyNumber(proxy(3), "t3", "KA", Pool.SHARED, 10, Health.HEALTHY)));
    MaskingSession session =
        created(service(AllocationStrategy.SINGLE_POOL).create(request(1, 2)));
    assertThat(session.customer().proxy()).isEqualTo(proxy(0));
    assertThat(session.customer().backupProxy()).isEqualTo(proxy(3));
  }

  @Test
  void aPoolWithOneTrunkIsExhaustedForLackOfABackupTrunk() {
    pool.numbers.addNumbers(List.of(
        new ProxyNumber(proxy(0), "t1", "KA", Pool.SHARED, 10, Health.HEALTHY),
        new ProxyNumber(proxy(1), "t1", "KA", Pool.SHARED, 10, Health.HEALTHY)));
    assertThat(service(AllocationStrategy.SINGLE_POOL).create(request(1, 2))).isEqualTo(
        new PoolExhausted("KA", Pool.SHARED, NumberRole.BACKUP, PoolConstraint.BACKUP_TRUNK));
  }

  @Test
  void exhaustionSaysWhichRegionAndPoolRanOut() {
    pool.add(0, 2, Pool.CUSTOMER, 10);
    assertThat(service(AllocationStrategy.TWO_POOL).create(request(1, 2))).isEqualTo(
        new PoolExhausted("KA", Pool.PARTNER, NumberRole.PRIMARY, PoolConstraint.NO_NUMBERS));
    assertThat(bindingCount()).isZero();
    assertThat(liveSessions(proxy(0))).isZero();
  }

  @Test
  void sameRefWithSamePartiesReturnsTheExistingSession() {
    pool.add(0, 4, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    CreateRequest request = new CreateRequest(party(1), party(2), "KA", Optional.of("order-42"));
    MaskingSession session = created(service.create(request));
    assertThat(service.create(request)).isEqualTo(new CreateOutcome.Existing(session));
    assertThat(service.sessionByRef("order-42")).contains(session);
    assertThat(liveSessions(proxy(0))).isEqualTo(1);
  }

  @Test
  void sameRefWithOtherPartiesIsAConflict() {
    pool.add(0, 4, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession session = created(service.create(
        new CreateRequest(party(1), party(2), "KA", Optional.of("order-42"))));
    assertThat(service.create(new CreateRequest(party(1), party(3), "KA", Optional.of("order-42"))))
        .isEqualTo(new CreateOutcome.RefConflict("order-42", session.id()));
  }

  @Test
  void closingStartsTheQuarantineAndTheNumberReturnsToThePartyOnlyAfterIt() {
    pool.add(0, 4, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession first = created(service.create(request(1, 2)));
    CloseOutcome closed = service.close(first.id());
    assertThat(closed).isInstanceOf(CloseOutcome.Closed.class);
    MaskingSession closedSession = ((CloseOutcome.Closed) closed).session();
    assertThat(closedSession.quarantineUntil()).contains(clock.instant().plus(QUARANTINE));

    clock.advance(QUARANTINE.minusSeconds(1));
    MaskingSession during = created(service.create(request(1, 3)));
    assertThat(during.customer().proxy()).isEqualTo(proxy(2));
    service.close(during.id());

    clock.advance(Duration.ofSeconds(1));
    MaskingSession after = created(service.create(request(1, 4)));
    assertThat(after.customer().proxy()).isEqualTo(proxy(0));
  }

  @Test
  void closingTwiceOrAnUnknownSessionChangesNothing() {
    pool.add(0, 4, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession session = created(service.create(request(1, 2)));
    MaskingSession closed = ((CloseOutcome.Closed) service.close(session.id())).session();
    clock.advance(Duration.ofHours(1));
    assertThat(service.close(session.id())).isEqualTo(new CloseOutcome.AlreadyClosed(closed));
    assertThat(service.close("nope")).isEqualTo(new CloseOutcome.NoSuchSession("nope"));
  }

  @Test
  void expiryReleasesOnlyPairsWhoseQuarantineEnded() {
    pool.add(0, 8, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession early = created(service.create(request(1, 2)));
    service.close(early.id());
    clock.advance(Duration.ofDays(10));
    MaskingSession late = created(service.create(request(3, 4)));
    service.close(late.id());
    clock.advance(Duration.ofDays(20));
    assertThat(service.expireQuarantine()).isEqualTo(2);
    assertThat(pool.sessions.bindings()).extracting(Binding::sessionId).containsOnly(late.id());
    assertThat(liveSessions(early.customer().proxy())).isEqualTo(1);
  }

  @Test
  void anUnhealthyNumberIsReplacedInEveryActiveSessionThatUsesIt() {
    pool.add(0, 6, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession a = created(service.create(request(1, 2)));
    MaskingSession b = created(service.create(request(3, 4)));
    MaskingSession closed = created(service.create(request(5, 6)));
    service.close(closed.id());
    assertThat(a.customer().proxy()).isEqualTo(proxy(0));
    assertThat(b.customer().proxy()).isEqualTo(proxy(0));

    HealthOutcome outcome = service.reportHealth(proxy(0), Health.UNHEALTHY);

    HealthOutcome.Recorded recorded = (HealthOutcome.Recorded) outcome;
    assertThat(recorded.number().health()).isEqualTo(Health.UNHEALTHY);
    assertThat(recorded.unreplaced()).isEmpty();
    assertThat(recorded.changes()).extracting(NumberChange::sessionId)
        .containsOnly(a.id(), b.id()).hasSize(4);
    for (NumberChange change : recorded.changes()) {
      assertThat(change.role()).isEqualTo(NumberRole.PRIMARY);
      assertThat(change.oldNumber()).isEqualTo(proxy(0));
      MaskingSession now = service.session(change.sessionId()).orElseThrow();
      assertThat(now.side(change.side()).proxy()).isEqualTo(change.newNumber());
      ProxyNumber replacement = pool.sessions.number(change.newNumber()).orElseThrow();
      ProxyNumber backup = pool.sessions.number(now.side(change.side()).backupProxy())
          .orElseThrow();
      assertThat(replacement.trunk()).isNotEqualTo(backup.trunk());
      assertThat(replacement.health()).isEqualTo(Health.HEALTHY);
    }
    MaskingSession stillClosed = service.session(closed.id()).orElseThrow();
    assertThat(stillClosed.customer().proxy()).isEqualTo(proxy(0));
  }

  @Test
  void aReplacedNumberStaysReservedToThePartiesForTheQuarantine() {
    pool.add(0, 6, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession session = created(service.create(request(1, 2)));
    service.reportHealth(proxy(0), Health.UNHEALTHY);
    service.reportHealth(proxy(0), Health.HEALTHY);
    MaskingSession next = created(service.create(request(1, 3)));
    assertThat(Set.of(next.customer().proxy(), next.customer().backupProxy()))
        .doesNotContain(proxy(0));
    assertThat(service.route(proxy(0), party(1))).isInstanceOf(RouteOutcome.Routed.class);
    assertThat(((RouteOutcome.Routed) service.route(proxy(0), party(1))).session().id())
        .isEqualTo(session.id());
  }

  @Test
  void aNumberWithoutReplacementIsReportedPerSession() {
    pool.add(0, 2, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession session = created(service.create(request(1, 2)));
    HealthOutcome.Recorded recorded =
        (HealthOutcome.Recorded) service.reportHealth(proxy(1), Health.UNHEALTHY);
    assertThat(recorded.changes()).isEmpty();
    assertThat(recorded.unreplaced()).containsOnlyKeys(session.id());
    assertThat(recorded.unreplaced().get(session.id()).role()).isEqualTo(NumberRole.BACKUP);
    assertThat(service.reportHealth(proxy(99), Health.UNHEALTHY))
        .isEqualTo(new HealthOutcome.UnknownNumber(proxy(99)));
  }

  @Test
  void twoPoolReplacementStaysInTheSidesPool() {
    pool.add(0, 4, Pool.CUSTOMER, 10);
    pool.add(100, 4, Pool.PARTNER, 10);
    MaskingService service = service(AllocationStrategy.TWO_POOL);
    MaskingSession session = created(service.create(request(1, 2)));
    HealthOutcome.Recorded recorded = (HealthOutcome.Recorded) service.reportHealth(
        session.partner().backupProxy(), Health.UNHEALTHY);
    assertThat(recorded.changes()).singleElement().satisfies(change -> {
      assertThat(change.side()).isEqualTo(Side.PARTNER);
      assertThat(change.role()).isEqualTo(NumberRole.BACKUP);
      assertThat(pool.sessions.number(change.newNumber()).orElseThrow().pool())
          .isEqualTo(Pool.PARTNER);
    });
  }

  @Test
  void clickToCallCanBeEnabledPerSide() {
    pool.add(0, 2, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession session = created(service.create(request(1, 2)));
    assertThat(service.enableClickToCall(session.id(), Side.PARTNER)).hasValueSatisfying(s -> {
      assertThat(s.partner().clickToCall()).isTrue();
      assertThat(s.customer().clickToCall()).isFalse();
    });
    assertThat(service.session(session.id()).orElseThrow().partner().clickToCall()).isTrue();
    assertThat(service.enableClickToCall("nope", Side.PARTNER)).isEmpty();
  }

  @Test
  void sessionsAreListedNewestFirstByStatus() {
    pool.add(0, 4, Pool.SHARED, 10);
    MaskingService service = service(AllocationStrategy.SINGLE_POOL);
    MaskingSession first = created(service.create(request(1, 2)));
    clock.advance(Duration.ofSeconds(1));
    MaskingSession second = created(service.create(request(3, 4)));
    service.close(first.id());
    assertThat(service.sessions(Optional.empty(), 10)).extracting(MaskingSession::id)
        .containsExactly(second.id(), first.id());
    assertThat(service.sessions(Optional.of(MaskingSession.Status.ACTIVE), 10))
        .extracting(MaskingSession::id).containsExactly(second.id());
  }

  private int liveSessions(PhoneNumber number) {
    return pool.numbers.numbers(NumberStore.NumberFilter.all()).stream()
        .filter(use -> use.number().number().equals(number))
        .mapToInt(NumberStore.NumberUse::liveSessions).findFirst().orElseThrow();
  }

  private int bindingCount() {
    return new ArrayList<>(pool.sessions.bindings()).size();
  }
}
