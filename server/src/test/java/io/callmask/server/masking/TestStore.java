package io.callmask.server.masking;

import io.callmask.server.store.Database;
import io.callmask.server.store.JdbcNumberStore;
import io.callmask.server.store.JdbcSessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh in-memory H2 store with trunks {@code t1}, {@code t2} (and {@code t3}), and helpers to
 * register numbers {@code +9180000000NN}. Close it after the test.
 *
 * <p>With {@code CALLMASK_TEST_PG_URL} (and {@code CALLMASK_TEST_PG_USER}, {@code
 * CALLMASK_TEST_PG_PASSWORD}) set, the tests run against that PostgreSQL database instead, its
 * {@code public} schema emptied first: the check that the schema and SQL are portable.
 */
final class TestStore implements AutoCloseable {

  final Database database;
  final JdbcSessionStore sessions;
  final JdbcNumberStore numbers;

  TestStore() {
    String postgres = System.getenv("CALLMASK_TEST_PG_URL");
    if (postgres != null) {
      emptyPostgres(postgres);
      database = Database.open(postgres, System.getenv("CALLMASK_TEST_PG_USER"),
          System.getenv("CALLMASK_TEST_PG_PASSWORD"), 10);
    } else {
      database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
          "", 10);
    }
    sessions = new JdbcSessionStore(database);
    numbers = new JdbcNumberStore(database);
    for (String trunk : List.of("t1", "t2", "t3")) {
      numbers.addTrunk(new Trunk(trunk, "10.0.0.1", 5060, "udp", List.of()));
    }
  }

  /** Empties the PostgreSQL test database named by the environment, if any; returns its URL. */
  static java.util.Optional<String> emptiedPostgres() {
    String url = System.getenv("CALLMASK_TEST_PG_URL");
    if (url != null) {
      emptyPostgres(url);
    }
    return java.util.Optional.ofNullable(url);
  }

  static String user() {
    return System.getenv().getOrDefault("CALLMASK_TEST_PG_USER", "sa");
  }

  static String password() {
    return System.getenv().getOrDefault("CALLMASK_TEST_PG_PASSWORD", "");
  }

  private static void emptyPostgres(String url) {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url,
            System.getenv("CALLMASK_TEST_PG_USER"), System.getenv("CALLMASK_TEST_PG_PASSWORD"));
        java.sql.Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA public CASCADE");
      st.execute("CREATE SCHEMA public");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot empty the test PostgreSQL database", e);
    }
  }

  /** The proxy number {@code +9180000} followed by {@code index} in five digits. */
  static PhoneNumber proxy(int index) {
    return PhoneNumber.of(String.format("+9180000%05d", index));
  }

  /** A party's number {@code +9190000} followed by {@code index} in five digits. */
  static PhoneNumber party(int index) {
    return PhoneNumber.of(String.format("+9190000%05d", index));
  }

  /**
   * Registers {@code count} numbers from {@code firstIndex} in region KA, alternating trunks t1
   * and t2, and returns them.
   */
  List<ProxyNumber> add(int firstIndex, int count, Pool pool, int capacity) {
    List<ProxyNumber> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      added.add(new ProxyNumber(proxy(firstIndex + i), i % 2 == 0 ? "t1" : "t2", "KA", pool,
          capacity, Health.HEALTHY));
    }
    if (!(numbers.addNumbers(added) instanceof PoolChange.Added)) {
      throw new IllegalStateException("numbers not added");
    }
    return added;
  }

  @Override
  public void close() {
    database.close();
  }
}
