package io.callmask.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh migrated store for store tests: in-memory H2, or with {@code CALLMASK_TEST_PG_URL}
 * (and {@code CALLMASK_TEST_PG_USER}, {@code CALLMASK_TEST_PG_PASSWORD}) set, that PostgreSQL
 * database with its {@code public} schema emptied first, like masking's TestStore: the check
 * that the schema and SQL are portable.
 */
final class TestDatabase {

  private TestDatabase() {}

  static Database open() {
    String postgres = System.getenv("CALLMASK_TEST_PG_URL");
    if (postgres == null) {
      return Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
          4);
    }
    String user = System.getenv("CALLMASK_TEST_PG_USER");
    String password = System.getenv("CALLMASK_TEST_PG_PASSWORD");
    try (Connection c = DriverManager.getConnection(postgres, user, password);
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA public CASCADE");
      st.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the test PostgreSQL database", e);
    }
    return Database.open(postgres, user, password, 4);
  }
}
