package io.callmask.bench.masking;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills a migrated store with live two-pool sessions by bulk SQL (creating a million through the
 * service would take longer than the benchmark). Session {@code i} joins customer {@code i %
 * customers} and partner {@code i % partners}; the k-th session of a party holds that pool's
 * numbers of rank 2k and 2k+1 (trunks t1 and t2), so every allocation rule holds and the
 * counters and the parties' holdings match. Not thread-safe; used once per benchmark trial.
 */
final class LiveSessionsFixture {

  static final int CUSTOMERS = 200_000;
  static final int PARTNERS = 20_000;

  private LiveSessionsFixture() {}

  /** The customer with that index, in E.164. */
  static String customer(long index) {
    return String.format("+9170%08d", index);
  }

  /** The partner with that index, in E.164. */
  static String partner(long index) {
    return String.format("+9160%08d", index);
  }

  /** The proxy of that rank in a pool: customer pool {@code +9180...}, partner {@code +9181...}. */
  static String proxy(boolean customerPool, long rank) {
    return String.format(customerPool ? "+9180%08d" : "+9181%08d", rank);
  }

  /** Adds trunks, both pools with room to grow, and {@code sessions} live sessions. */
  static void fill(String url, long sessions) throws SQLException {
    long customerRanks = 2 * (sessions / CUSTOMERS + 1) + 64;
    long partnerRanks = 2 * (sessions / PARTNERS + 1) + 64;
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO trunks (name, gateway_host, gateway_port, transport, allow_cidrs)"
          + " VALUES ('t1', '192.0.2.1', 5060, 'udp', ''), ('t2', '192.0.2.2', 5060, 'udp', '')");
      addNumbers(c, true, customerRanks);
      addNumbers(c, false, partnerRanks);
      st.execute("INSERT INTO number_loads (number_rank, capacity, health)"
          + " SELECT number_rank, 100000000, 'healthy' FROM proxy_numbers");
      st.execute("INSERT INTO masking_sessions (id, region, status, customer_number,"
          + " customer_proxy, customer_backup, partner_number, partner_proxy, partner_backup,"
          + " created_at) SELECT 'b' || X, 'KA', 'active',"
          + " '+9170' || LPAD(CAST(MOD(X, " + CUSTOMERS + ") AS VARCHAR), 8, '0'),"
          + " '+9180' || LPAD(CAST(2 * (X / " + CUSTOMERS + ") AS VARCHAR), 8, '0'),"
          + " '+9180' || LPAD(CAST(2 * (X / " + CUSTOMERS + ") + 1 AS VARCHAR), 8, '0'),"
          + " '+9160' || LPAD(CAST(MOD(X, " + PARTNERS + ") AS VARCHAR), 8, '0'),"
          + " '+9181' || LPAD(CAST(2 * (X / " + PARTNERS + ") AS VARCHAR), 8, '0'),"
          + " '+9181' || LPAD(CAST(2 * (X / " + PARTNERS + ") + 1 AS VARCHAR), 8, '0'),"
          + " CURRENT_TIMESTAMP FROM SYSTEM_RANGE(0, " + (sessions - 1) + ")");
      bind(st, "customer", "customer_number", "customer_proxy", "primary");
      bind(st, "customer", "customer_number", "customer_backup", "backup");
      bind(st, "partner", "partner_number", "partner_proxy", "primary");
      bind(st, "partner", "partner_number", "partner_backup", "backup");
      // What the store keeps per party beside its bindings (migration V2 fills it the same way).
      st.execute("INSERT INTO party_holdings (party, holdings, next_expiry)"
          + " SELECT party, STRING_AGG(proxy, ',' ORDER BY proxy), NULL FROM bindings"
          + " GROUP BY party");
      try (ResultSet counts = st.executeQuery(
              "SELECT proxy, COUNT(*) FROM bindings GROUP BY proxy");
          PreparedStatement update = c.prepareStatement(
              "UPDATE number_loads SET live_sessions = ? WHERE number_rank ="
                  + " (SELECT number_rank FROM proxy_numbers WHERE number = ?)")) {
        while (counts.next()) {
          update.setLong(1, counts.getLong(2));
          update.setString(2, counts.getString(1));
          update.executeUpdate();
        }
      }
    }
  }

  private static void addNumbers(Connection c, boolean customerPool, long ranks)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO proxy_numbers (number, trunk,"
        + " region, pool) VALUES (?, ?, 'KA', ?)")) {
      for (long rank = 0; rank < ranks; rank++) {
        ps.setString(1, proxy(customerPool, rank));
        ps.setString(2, rank % 2 == 0 ? "t1" : "t2");
        ps.setString(3, customerPool ? "customer" : "partner");
        ps.executeUpdate();
      }
    }
  }

  private static void bind(Statement st, String side, String party, String proxy, String role)
      throws SQLException {
    st.execute("INSERT INTO bindings (party, proxy, session_id, party_side, number_role)"
        + " SELECT " + party + ", " + proxy + ", id, '" + side + "', '" + role + "'"
        + " FROM masking_sessions");
  }
}
