package io.callmask.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
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
  /**
   * H2's background writer copies the live pages out of file chunks that later writes left partly
   * dead, so that their space can be reused. At its default of 90 it does so whenever a chunk is
   * less than 90% live, which under steady writes is almost always, at a cost per write that grows
   * with the store. At 50 it copies only chunks less than half live, and only between writes.
   * Measured recording 1,000 calls/s side by side for 300,000 calls: that thread took 9 instead of
   * 20 us of CPU per call (5-16 instead of 26-47 over the last 100,000), the whole JVM 266 instead
   * of 282; the file stayed about 3 times its live pages (1,050 MB against 878 MB, for 340 MB of
   * live pages, 133 MB when compacted) and that ratio did not grow. Lower values do not bound it:
   * at 20 or 0 (never) chunks that stay partly live are never reused, and the file grew by 10-13 kB
   * a call (1.2-1.5 GB after 180,000 calls, where 90 and 50 had 0.7-1 GB).
   */
  private static final String H2_AUTO_COMPACT = ";AUTO_COMPACT_FILL_RATE=50";

  private final HikariDataSource dataSource;
  private final boolean exclusive;

  private Database(HikariDataSource dataSource, boolean exclusive) {
    this.dataSource = dataSource;
    this.exclusive = exclusive;
  }

  /**
   * Opens a pool of at most {@code maxConnections} to {@code url} and applies every pending
   * migration. An H2 URL gets a larger {@code QUERY_CACHE_SIZE} and a lower {@code
   * AUTO_COMPACT_FILL_RATE} unless it sets them itself. The pool has at least two connections,
   * which migrating needs.
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
    return new Database(dataSource, exclusive(url));
  }

  /**
   * Whether this pool is the only way into its database, so that what the server keeps in memory
   * of it cannot go stale behind its back: an embedded H2 database, in memory or in a file H2
   * locks against other processes. Not a database server (PostgreSQL, H2 over TCP or SSL), not an
   * H2 file opened with {@code AUTO_SERVER=TRUE} (other processes may join) or {@code
   * FILE_LOCK=NO}. A second pool opened in the same JVM on the same embedded URL is not noticed:
   * the server opens one, and a test that opens two must not count on this.
   */
  public boolean isExclusive() {
    return exclusive;
  }

  /** See {@link #isExclusive}, for a store URL. */
  static boolean exclusive(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:tcp:")
        || lower.startsWith("jdbc:h2:ssl:")) {
      return false;
    }
    String[] parts = lower.split(";");
    for (int i = 1; i < parts.length; i++) {
      String setting = parts[i].replace(" ", "");
      if (setting.equals("auto_server=true") || setting.equals("file_lock=no")) {
        return false;
      }
    }
    return true;
  }

  /** {@code url} with this class's H2 settings added, those it does not set itself. */
  static String tuned(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return url;
    }
    String given = url.toUpperCase(Locale.ROOT);
    StringBuilder tuned = new StringBuilder(url);
    for (String setting : List.of(H2_QUERY_CACHE, H2_AUTO_COMPACT)) {
      String name = setting.substring(1, setting.indexOf('='));
      if (!given.contains(name)) {
        tuned.append(setting);
      }
    }
    return tuned.toString();
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
