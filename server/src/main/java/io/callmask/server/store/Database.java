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
  /**
   * H2 keeps parsed statements per connection in a cache of 8 by default; a session create runs
   * about ten distinct statements, so every one would be parsed again. 64 doubles creates/s.
   */
  private static final String H2_QUERY_CACHE = ";QUERY_CACHE_SIZE=64";

  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens a pool of at most {@code maxConnections} to {@code url} and applies every pending
   * migration. An H2 URL that does not set {@code QUERY_CACHE_SIZE} gets a larger one. The pool
   * has at least two connections, which migrating needs.
   *
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static Database open(String url, String user, String password, int maxConnections) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(tuned(url));
    config.setUsername(user);
    config.setPassword(password);
    // Flyway holds one connection for its lock while it migrates through another.
    config.setMaximumPoolSize(Math.max(2, maxConnections));
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
          // Versions are handed out in ranges (the masking store's from V1, the events' from
          // V10), so a store already at V10 must still take a later-written V2.
          .outOfOrder(true)
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

  private static String tuned(String url) {
    boolean h2 = url.startsWith("jdbc:h2:");
    boolean set = url.toUpperCase(java.util.Locale.ROOT).contains("QUERY_CACHE_SIZE");
    return h2 && !set ? url + H2_QUERY_CACHE : url;
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
