package io.callmask.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.Side;
import io.callmask.server.masking.Trunk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each statement that writes a binding or a session drops it from the route cache, on its own:
 * these tests change one thing per transaction, below the service (which always changes a
 * session and its bindings together), and compare what the caching store reads with what a store
 * without a cache reads from the same database.
 */
class JdbcSessionStoreRouteCacheTest {

  private static final PhoneNumber ALICE = PhoneNumber.of("+919000000001");
  private static final PhoneNumber BOB = PhoneNumber.of("+919000000002");
  private static final PhoneNumber CAROL = PhoneNumber.of("+919000000003");
  private static final PhoneNumber DAVE = PhoneNumber.of("+919000000004");
  /** Whole seconds: the store keeps microseconds. */
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final Database database = TestDatabase.open();
  private final JdbcSessionStore cached = JdbcSessionStore.withRouteCache(database);
  private final JdbcSessionStore queried = new JdbcSessionStore(database);
  private final MaskingService service = new MaskingService(cached,
      AllocationStrategy.SINGLE_POOL, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
  private final MaskingSession first;
  private final MaskingSession second;

  JdbcSessionStoreRouteCacheTest() {
    JdbcNumberStore numbers = new JdbcNumberStore(database);
    numbers.addTrunk(new Trunk("t1", "10.0.0.1", 5060, "udp", List.of()));
    numbers.addTrunk(new Trunk("t2", "10.0.0.2", 5060, "udp", List.of()));
    numbers.addNumbers(List.of(
        new ProxyNumber(PhoneNumber.of("+918000000001"), "t1", "KA", Pool.SHARED, 5,
            Health.HEALTHY),
        new ProxyNumber(PhoneNumber.of("+918000000002"), "t2", "KA", Pool.SHARED, 5,
            Health.HEALTHY)));
    first = created(ALICE, BOB);
    second = created(CAROL, DAVE);
    assertThat(first.customer().proxy()).isEqualTo(second.customer().proxy());
    assertThat(cached.boundSession(ALICE, proxy()).orElseThrow().session()).isEqualTo(first);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aCachedRouteIsServedWithoutReadingTheDatabase() {
    database.close();

    assertThat(cached.boundSession(ALICE, proxy())).isPresent();
    assertThatThrownBy(() -> queried.boundSession(ALICE, proxy()))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void aQuarantineStartedAloneIsSeen() {
    quarantineUntil(NOW.plusSeconds(60));

    assertThat(cached.boundSession(ALICE, proxy()).orElseThrow().binding().expiresAt())
        .isPresent();
    assertSameAsQueried();
  }

  @Test
  void aReleaseAloneIsSeen() {
    quarantineUntil(NOW.minusSeconds(1));
    assertSameAsQueried();

    cached.inTransaction(tx -> tx.releaseExpired(Set.of(ALICE), NOW, 10));

    assertThat(cached.boundSession(ALICE, proxy())).isEmpty();
    assertSameAsQueried();
  }

  @Test
  void aBindingInsertedAloneIsSeen() {
    quarantineUntil(NOW.minusSeconds(1));
    cached.inTransaction(tx -> tx.releaseExpired(Set.of(ALICE), NOW, 10));
    assertThat(cached.boundSession(ALICE, proxy())).isEmpty();

    cached.inTransaction(tx -> {
      tx.insertBindings(List.of(new Binding(ALICE, proxy(), second.id(), Side.CUSTOMER,
          NumberRole.PRIMARY, Optional.empty())));
      return null;
    });

    assertThat(cached.boundSession(ALICE, proxy()).orElseThrow().session().id())
        .isEqualTo(second.id());
    assertSameAsQueried();
  }

  @Test
  void aSessionUpdatedAloneIsSeen() {
    MaskingSession changed = first.withSide(Side.PARTNER,
        first.partner().withClickToCall(true));
    cached.inTransaction(tx -> {
      tx.updateSession(changed);
      return null;
    });

    assertThat(cached.boundSession(ALICE, proxy()).orElseThrow().session()).isEqualTo(changed);
    assertSameAsQueried();
  }

  @Test
  void aTransactionRolledBackChangesNothingAndLeavesNothingStale() {
    MaskingSession changed = first.withSide(Side.PARTNER,
        first.partner().withClickToCall(true));
    assertThatThrownBy(() -> cached.inTransaction(tx -> {
      tx.updateSession(changed);
      throw new IllegalStateException("abandoned");
    })).hasMessage("abandoned");

    assertThat(cached.boundSession(ALICE, proxy()).orElseThrow().session()).isEqualTo(first);
    assertSameAsQueried();
  }

  private PhoneNumber proxy() {
    return first.customer().proxy();
  }

  private MaskingSession created(PhoneNumber customer, PhoneNumber partner) {
    return ((CreateOutcome.Created) service.create(
        new CreateRequest(customer, partner, "KA", Optional.empty()))).session();
  }

  /** Every pair of both sessions reads the same through the cache as from the database. */
  /** Quarantines the first session's proxy, through the cached store, until {@code end}. */
  private void quarantineUntil(Instant end) {
    cached.inTransaction(tx -> {
      tx.quarantineNumber(first.id(), proxy(), end);
      return null;
    });
  }

  private void assertSameAsQueried() {
    for (MaskingSession session : List.of(first, second)) {
      for (Side side : Side.values()) {
        SessionSide of = session.side(side);
        for (PhoneNumber dialed : List.of(of.proxy(), of.backupProxy())) {
          assertThat(cached.boundSession(of.number(), dialed))
              .as("%s of %s dials %s", side, session.id(), dialed.e164())
              .isEqualTo(queried.boundSession(of.number(), dialed));
        }
      }
    }
  }
}
