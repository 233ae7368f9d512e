package io.callmask.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.AllocationStrategy;
import io.callmask.server.masking.CreateOutcome;
import io.callmask.server.masking.CreateRequest;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.PhoneNumber;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A store written under schema V1 (bindings only) keeps working after migration V2: every
 * party's holdings are built from its bindings, so first fit still avoids what a party holds,
 * and quarantines that were running end on time.
 */
class PartyHoldingsMigrationTest {

  private static final Instant QUARANTINE_END = Instant.parse("2026-02-01T00:00:00Z");
  private static final PhoneNumber ALICE = PhoneNumber.of("+919000000001");

  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Test
  void holdingsAreBuiltFromTheBindingsOfAVersionOneStore() throws SQLException {
    storeAtVersionOne();
    try (Database database = Database.open(url, "", "", 2)) {
      assertThat(holdings("+919000000001")).isEqualTo("+918000000000,+918000000001,"
          + "+918000000002@" + QUARANTINE_END.toEpochMilli() + ",+918000000003@"
          + QUARANTINE_END.toEpochMilli());
      assertThat(holdings("+919000000002")).isEqualTo("+918000000000,+918000000001");
    }
  }

  @Test
  void afterMigrationFirstFitSkipsHeldNumbersAndEndedQuarantinesAreReleased()
      throws SQLException {
    storeAtVersionOne();
    try (Database database = Database.open(url, "", "", 2)) {
      MaskingSession during = created(service(database, QUARANTINE_END.minusSeconds(1))
          .create(request("+919000000004")));
      assertThat(during.customer().proxy()).isEqualTo(PhoneNumber.of("+918000000004"));

      MaskingService after = service(database, QUARANTINE_END);
      MaskingSession reused = created(after.create(request("+919000000005")));
      assertThat(reused.customer().proxy()).isEqualTo(PhoneNumber.of("+918000000002"));
      assertThat(reused.customer().backupProxy()).isEqualTo(PhoneNumber.of("+918000000003"));
      // Carol's pairs went with Alice's (the closed session shared them); the sweep tidies up.
      assertThat(after.expireQuarantine()).isZero();
      assertThat(holdings("+919000000003")).isNull();
      assertThat(new JdbcNumberStore(database).numbers(NumberStore.NumberFilter.all()))
          .filteredOn(use -> use.number().number().e164().equals("+918000000002"))
          .singleElement().extracting(NumberStore.NumberUse::liveSessions).isEqualTo(1);
    }
  }

  /**
   * Schema V1 with numbers +9180000000[0-5] in pool shared, an active session of Alice and Bob
   * on numbers 0 and 1, and a closed one of Alice and Carol on 2 and 3, in quarantine.
   */
  private void storeAtVersionOne() throws SQLException {
    Flyway.configure().dataSource(url, "", "").locations("classpath:db/callmask").target("1")
        .load().migrate();
    try (Connection c = DriverManager.getConnection(url, "", "");
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO trunks VALUES ('t1', 'gw', 5060, 'udp', ''),"
          + " ('t2', 'gw', 5060, 'udp', '')");
      for (int i = 0; i < 6; i++) {
        st.execute("INSERT INTO proxy_numbers (number, trunk, region, pool, capacity, health,"
            + " live_sessions) VALUES ('+91800000000" + i + "', 't" + (1 + i % 2)
            + "', 'KA', 'shared', 10, 'healthy', " + (i < 4 ? 1 : 0) + ")");
      }
      session(st, "s1", "+919000000002", 0, null);
      session(st, "s2", "+919000000003", 2, QUARANTINE_END);
    }
  }

  /** Alice and {@code partner} on numbers {@code first} and the next; closed if it has an end. */
  private static void session(Statement st, String id, String partner, int first,
      Instant quarantineEnd) throws SQLException {
    String proxy = "'+91800000000" + first + "'";
    String backup = "'+91800000000" + (first + 1) + "'";
    String end = quarantineEnd == null ? "NULL" : timestamp(quarantineEnd.toString());
    String closed = quarantineEnd == null ? "NULL" : timestamp("2026-01-01T00:00:00Z");
    st.execute("INSERT INTO masking_sessions (id, region, status, customer_number,"
        + " customer_proxy, customer_backup, partner_number, partner_proxy, partner_backup,"
        + " created_at, closed_at, quarantine_until) VALUES ('" + id + "', 'KA', '"
        + (quarantineEnd == null ? "active" : "closed") + "', '" + ALICE.e164() + "', " + proxy
        + ", " + backup + ", '" + partner + "', " + proxy + ", " + backup
        + ", " + timestamp("2025-12-01T00:00:00Z") + ", " + closed + ", " + end + ")");
    for (String party : new String[] {ALICE.e164(), partner}) {
      String side = party.equals(ALICE.e164()) ? "'customer'" : "'partner'";
      st.execute("INSERT INTO bindings VALUES ('" + party + "', " + proxy + ", '" + id + "', "
          + side + ", 'primary', " + end + "), ('" + party + "', " + backup + ", '" + id + "', "
          + side + ", 'backup', " + end + ")");
    }
  }

  private static String timestamp(String instant) {
    return "TIMESTAMP WITH TIME ZONE '" + instant + "'";
  }

  private String holdings(String party) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "", "");
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT holdings FROM party_holdings WHERE party = '" + party + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static MaskingService service(Database database, Instant now) {
    return new MaskingService(new JdbcSessionStore(database), AllocationStrategy.SINGLE_POOL,
        Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static CreateRequest request(String partner) {
    return new CreateRequest(ALICE, PhoneNumber.of(partner), "KA", Optional.empty());
  }

  private static MaskingSession created(CreateOutcome outcome) {
    assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
    return ((CreateOutcome.Created) outcome).session();
  }
}
