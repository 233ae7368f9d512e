package io.callmask.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool to the store at {@code store.url}, with the schema migrated to the latest
 * version when it opens. Thread-safe. Close it to release the pool (and an embedded H2 file).
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final String MIGRATIONS = "classpath:db/callmask";

  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens a pool of at most {@code maxConnections} to {@code url} and applies every pending
   * migration.
   *
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static Database open(String url, String user, String password, int maxConnections) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maxConnections);
    config.setPoolName("callmask-store");
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the store at " + url, e);
    }
    try {
      var result = Flyway.configure()
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .load()
          .migrate();
      LOG.info("store at {} is at schema version {} ({} migrations applied)", url,
          result.targetSchemaVersion, result.migrationsExecuted);
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot migrate the store at " + url, e);
    }
    return new Database(dataSource);
  }

  /** The pool, for the stores. */
  DataSource dataSource() {
    return dataSource;
  }

  /** A connection from the pool; the caller closes it. */
  Connection connection() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException("no store connection", e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
