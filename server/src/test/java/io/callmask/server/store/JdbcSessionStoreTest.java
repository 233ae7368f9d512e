package io.callmask.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.callmask.server.masking.Binding;
import io.callmask.server.masking.ConcurrentChangeException;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.NumberRole;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.Side;
import io.callmask.server.masking.Trunk;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database itself enforces the allocation rules, whatever the Java code above it does: these
 * tests write around the allocator and expect the store to refuse.
 */
class JdbcSessionStoreTest {

  private static final PhoneNumber P1 = PhoneNumber.of("+918000000001");
  private static final PhoneNumber P2 = PhoneNumber.of("+918000000002");
  private static final PhoneNumber P3 = PhoneNumber.of("+918000000003");
  private static final PhoneNumber ALICE = PhoneNumber.of("+919000000001");
  private static final PhoneNumber BOB = PhoneNumber.of("+919000000002");
  private static final PhoneNumber CAROL = PhoneNumber.of("+919000000003");

  private final Database database = Database.open(
      "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
  private final JdbcSessionStore store = new JdbcSessionStore(database);
  private final JdbcNumberStore numbers = new JdbcNumberStore(database);

  JdbcSessionStoreTest() {
    numbers.addTrunk(new Trunk("t1", "gw1", 5060, "udp", List.of()));
    numbers.addTrunk(new Trunk("t2", "gw2", 5060, "udp", List.of()));
    numbers.addNumbers(List.of(
        new ProxyNumber(P1, "t1", "KA", Pool.SHARED, 1, Health.HEALTHY),
        new ProxyNumber(P2, "t2", "KA", Pool.SHARED, 5, Health.HEALTHY),
        new ProxyNumber(P3, "t1", "KA", Pool.SHARED, 5, Health.HEALTHY)));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void theUniqueKeyRefusesASecondLiveBindingOfTheSamePartyAndNumber() {
    MaskingSession first = session("s1", ALICE, BOB, P2, P3);
    MaskingSession second = session("s2", ALICE, CAROL, P2, P3);
    store.inTransaction(tx -> {
      tx.insertSession(first);
      tx.insertBindings(List.of(binding(ALICE, P2, "s1")));
      return null;
    });
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.insertSession(second);
      tx.insertBindings(List.of(binding(ALICE, P2, "s2")));
      return null;
    })).isInstanceOf(ConcurrentChangeException.class);
    assertThat(store.session("s2")).isEmpty();
  }

  @Test
  void severalNumbersAreReadTogetherWithTheirTrunkHealthAndCapacity() {
    store.inTransaction(tx -> tx.setHealth(P2, Health.UNHEALTHY));

    assertThat(store.numbers(List.of(P1, P2, P1, ALICE))).containsOnly(
        entry(P1, new ProxyNumber(P1, "t1", "KA", Pool.SHARED, 1, Health.HEALTHY)),
        entry(P2, new ProxyNumber(P2, "t2", "KA", Pool.SHARED, 5, Health.UNHEALTHY)));
    assertThat(store.numbers(List.of())).isEmpty();
  }

  @Test
  void takingANumberBeyondItsCapacityIsRefused() {
    store.inTransaction(tx -> {
      tx.take(P1, Integer.MAX_VALUE);
      return null;
    });
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.take(P1, Integer.MAX_VALUE);
      return null;
    })).isInstanceOf(ConcurrentChangeException.class);
  }

  @Test
  void takingAnUnhealthyNumberIsRefused() {
    store.inTransaction(tx -> tx.setHealth(P2, Health.UNHEALTHY));
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.take(P2, Integer.MAX_VALUE);
      return null;
    })).isInstanceOf(ConcurrentChangeException.class);
  }

  @Test
  void theDatabaseChecksCapacityEvenAgainstRawSql() throws SQLException {
    try (Connection c = database.connection(); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate(
          "UPDATE number_loads SET live_sessions = 2 WHERE number_rank ="
              + " (SELECT number_rank FROM proxy_numbers WHERE number = '+918000000001')"))
          .isInstanceOf(SQLException.class).hasMessageContaining("LIVE_SESSIONS_WITHIN_CAPACITY");
    }
  }

  @Test
  void aRefIsUniqueAcrossSessions() {
    store.inTransaction(tx -> {
      tx.insertSession(withRef(session("s1", ALICE, BOB, P2, P3), "order-1"));
      return null;
    });
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.insertSession(withRef(session("s2", ALICE, CAROL, P2, P3), "order-1"));
      return null;
    })).isInstanceOf(ConcurrentChangeException.class);
  }

  @Test
  void aSessionWhoseProxyEqualsItsBackupIsRefusedByTheDatabase() throws SQLException {
    try (Connection c = database.connection(); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("INSERT INTO masking_sessions (id, region, status,"
          + " customer_number, customer_proxy, customer_backup, partner_number, partner_proxy,"
          + " partner_backup, created_at) VALUES ('x', 'KA', 'active', '+919000000001',"
          + " '+918000000002', '+918000000002', '+919000000002', '+918000000002',"
          + " '+918000000003', CURRENT_TIMESTAMP)"))
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void releasingExpiredBindingsCountsEachSessionOnceAndOnlyOnce() {
    MaskingSession session = session("s1", ALICE, BOB, P2, P3);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    store.inTransaction(tx -> {
      tx.take(P2, Integer.MAX_VALUE);
      tx.insertSession(session);
      tx.insertBindings(List.of(binding(ALICE, P2, "s1"), binding(BOB, P2, "s1")));
      tx.quarantineSession("s1", now);
      return null;
    });
    int first = store.inTransaction(tx -> tx.releaseExpired(List.of(ALICE), now, 10));
    int second = store.inTransaction(tx -> tx.releaseExpired(List.of(), now, 10));
    assertThat(first).isEqualTo(1);
    assertThat(second).isZero();
    assertThat(store.bindings()).isEmpty();
    assertThat(numbers.numbers(io.callmask.server.masking.NumberStore.NumberFilter.all()))
        .filteredOn(use -> use.number().number().equals(P2))
        .singleElement().extracting(use -> use.liveSessions()).isEqualTo(0);
  }

  @Test
  void aBindingIsReadBackWithItsSessionSideRoleAndExpiry() {
    store.inTransaction(tx -> {
      tx.insertSession(session("s1", ALICE, BOB, P2, P3));
      tx.insertBindings(List.of(new Binding(BOB, P3, "s1", Side.PARTNER, NumberRole.BACKUP,
          Optional.of(Instant.parse("2026-02-01T00:00:00Z")))));
      return null;
    });
    assertThat(store.binding(BOB, P3)).contains(new Binding(BOB, P3, "s1", Side.PARTNER,
        NumberRole.BACKUP, Optional.of(Instant.parse("2026-02-01T00:00:00Z"))));
  }

  private static MaskingSession withRef(MaskingSession s, String ref) {
    return new MaskingSession(s.id(), Optional.of(ref), s.region(), s.status(), s.customer(),
        s.partner(), s.createdAt(), s.closedAt(), s.quarantineUntil());
  }

  private static MaskingSession session(
      String id, PhoneNumber customer, PhoneNumber partner, PhoneNumber proxy,
      PhoneNumber backup) {
    return new MaskingSession(id, Optional.empty(), "KA", MaskingSession.Status.ACTIVE,
        new SessionSide(customer, proxy, backup, false),
        new SessionSide(partner, proxy, backup, false),
        Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), Optional.empty());
  }

  private static Binding binding(PhoneNumber party, PhoneNumber proxy, String sessionId) {
    return new Binding(party, proxy, sessionId, Side.CUSTOMER, NumberRole.PRIMARY,
        Optional.empty());
  }
}
