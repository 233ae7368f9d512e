package io.callmask.server.store;

import io.callmask.server.masking.Pool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pools' numbers in rank order, kept between transactions so that first fit walks a list in
 * memory instead of reading the pool row by row, past every number the parties already hold (a
 * busy partner holds a hundred). Each use checks with one probe that the pool has not grown; a
 * grown pool is read again. The numbers' ranks, the keys of their load rows, are remembered as
 * the pools are read ({@link NumberRanks}). Thread-safe.
 */
final class PoolCatalog {

  private final Map<String, PoolNumbers> pools = new ConcurrentHashMap<>();
  private final NumberRanks ranks = new NumberRanks();

  /** The ranks of numbers, learnt as pools are read. */
  NumberRanks ranks() {
    return ranks;
  }

  /** The pool of {@code region} and {@code pool} as it is now. */
  PoolNumbers current(Connection connection, String region, Pool pool) throws SQLException {
    String key = pool.configName() + '/' + region;
    PoolNumbers known = pools.get(key);
    if (known != null && !known.grewSince(connection, region, pool)) {
      return known;
    }
    PoolNumbers read = PoolNumbers.read(connection, region, pool, ranks);
    pools.put(key, read);
    return read;
  }
}
