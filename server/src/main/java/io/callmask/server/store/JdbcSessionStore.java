package io.callmask.server.store;

import io.callmask.server.masking.Binding;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.SessionStore;
import io.callmask.server.masking.SessionTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sessions, bindings, the parties' holdings (a per-party copy of their bindings that first fit
 * reads) and live-session counts in SQL; the pools' numbers in first-fit order are also kept in
 * memory ({@link PoolCatalog}). Each read uses its own pooled connection; {@link #inTransaction}
 * one connection with auto-commit off. Thread-safe.
 *
 * <p>A store made by {@link #withRouteCache} also keeps what calls route by in memory ({@link
 * RouteCache}), so that an INVITE costs a map lookup instead of a query (measured with {@code
 * RouteLookupCpu} on H2 with 10,000 sessions: 0.4-1.2 us of CPU per lookup against 9-13 us; the
 * query took about 60 us a call in a profile of the server at 1,000 calls/s). Only the sole
 * writer of a database may keep one: another writer's changes would not reach it.
 */
public final class JdbcSessionStore implements SessionStore {

  /**
   * Bindings (and sessions) the route cache holds at most. Measured, a binding with its own
   * session takes about 670 bytes, so at most some 70 MB of the default 2 GB heap.
   */
  static final int ROUTE_CACHE_CAPACITY = 100_000;

  private static final String BOUND_SESSION = "SELECT " + Rows.sessionColumns("s")
      + ", b.party, b.proxy, b.session_id, b.party_side, b.number_role, b.expires_at,"
      + " cp.trunk, cb.trunk, pp.trunk, pb.trunk"
      + " FROM bindings b JOIN masking_sessions s ON s.id = b.session_id"
      + " JOIN proxy_numbers cp ON cp.number = s.customer_proxy"
      + " JOIN proxy_numbers cb ON cb.number = s.customer_backup"
      + " JOIN proxy_numbers pp ON pp.number = s.partner_proxy"
      + " JOIN proxy_numbers pb ON pb.number = s.partner_backup"
      + " WHERE b.proxy = ? AND b.party = ?";

  private final Database database;
  /** The pools' numbers in first-fit order, shared by all transactions. */
  private final PoolCatalog pools = new PoolCatalog();
  private final Optional<RouteCache> routes;

  /** A store over an open, migrated database, which other stores (and servers) may share. */
  public JdbcSessionStore(Database database) {
    this(database, Optional.empty());
  }

  private JdbcSessionStore(Database database, Optional<RouteCache> routes) {
    this.database = database;
    this.routes = routes;
  }

  /**
   * A store that keeps the call path's reads in memory: only for a database that nothing else
   * writes sessions or bindings to, neither another store nor another process ({@link
   * Database#isExclusive}). Every change made through this store is seen by the next lookup.
   */
  public static JdbcSessionStore withRouteCache(Database database) {
    return new JdbcSessionStore(database, Optional.of(new RouteCache(ROUTE_CACHE_CAPACITY)));
  }

  @Override
  public <T> T inTransaction(Function<SessionTransaction, T> work) {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      WrittenRoutes written = new WrittenRoutes();
      try {
        JdbcSessionTransaction transaction = new JdbcSessionTransaction(connection, pools, written);
        T result = work.apply(transaction);
        transaction.flush();
        connection.commit();
        return result;
      } catch (SQLException e) {
        rollback(connection);
        throw SqlFailures.translate("commit", e);
      } catch (RuntimeException e) {
        rollback(connection);
        throw e;
      } finally {
        // After the commit (or rollback): a lookup from now on must not find what it replaced.
        routes.ifPresent(written::forgetIn);
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("transaction", e);
    }
  }

  @Override
  public Optional<MaskingSession> session(String id) {
    return one("SELECT " + Rows.SESSION_COLUMNS + " FROM masking_sessions WHERE id = ?", id,
        Rows::session);
  }

  @Override
  public Optional<MaskingSession> sessionByRef(String ref) {
    return one("SELECT " + Rows.SESSION_COLUMNS + " FROM masking_sessions WHERE ref = ?", ref,
        Rows::session);
  }

  @Override
  public List<MaskingSession> sessions(Optional<MaskingSession.Status> status, int limit) {
    String sql = "SELECT " + Rows.SESSION_COLUMNS + " FROM masking_sessions"
        + (status.isPresent() ? " WHERE status = ?" : "")
        + " ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int index = 1;
      if (status.isPresent()) {
        ps.setString(index++, status.get().configName());
      }
      ps.setInt(index, limit);
      return all(ps, Rows::session);
    } catch (SQLException e) {
      throw SqlFailures.translate("list sessions", e);
    }
  }

  @Override
  public Optional<Binding> binding(PhoneNumber party, PhoneNumber proxy) {
    String sql = "SELECT " + Rows.BINDING_COLUMNS + " FROM bindings WHERE party = ? AND proxy = ?";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, party.e164());
      ps.setString(2, proxy.e164());
      return all(ps, Rows::binding).stream().findFirst();
    } catch (SQLException e) {
      throw SqlFailures.translate("read binding", e);
    }
  }

  @Override
  public Optional<BoundSession> boundSession(PhoneNumber party, PhoneNumber proxy) {
    if (routes.isEmpty()) {
      return read(party, proxy).map(found -> RouteCache.bound(found.binding(), found.session()));
    }
    RouteCache cache = routes.get();
    Optional<BoundSession> cached = cache.find(party, proxy);
    if (cached.isPresent()) {
      return cached;
    }
    long token = cache.loadStarted();
    Optional<Loaded> loaded = read(party, proxy);
    loaded.ifPresent(found -> cache.keep(token, found.binding(), found.session()));
    return loaded.map(found -> RouteCache.bound(found.binding(), found.session()));
  }

  @Override
  public Optional<BoundSession> boundSessionInMemory(PhoneNumber party, PhoneNumber proxy) {
    return routes.flatMap(cache -> cache.find(party, proxy));
  }

  /** The binding of (party, proxy) with its session and the trunks of all four of its numbers. */
  private Optional<Loaded> read(PhoneNumber party, PhoneNumber proxy) {
    try (Connection c = database.connection();
        PreparedStatement ps = c.prepareStatement(BOUND_SESSION)) {
      ps.setString(1, proxy.e164());
      ps.setString(2, party.e164());
      return all(ps, rs -> {
        MaskingSession session = Rows.session(rs);
        // Both sides may show the same numbers (single-pool), so the map may hold only two.
        Map<String, String> trunks = new HashMap<>(8);
        trunks.put(session.customer().proxy().e164(), rs.getString(22));
        trunks.put(session.customer().backupProxy().e164(), rs.getString(23));
        trunks.put(session.partner().proxy().e164(), rs.getString(24));
        trunks.put(session.partner().backupProxy().e164(), rs.getString(25));
        return new Loaded(Rows.binding(rs, 15), new RouteCache.RoutedSession(session, trunks));
      }).stream().findFirst();
    } catch (SQLException e) {
      throw SqlFailures.translate("read a call's session", e);
    }
  }

  /** One row of {@link #BOUND_SESSION}. */
  private record Loaded(Binding binding, RouteCache.RoutedSession session) {}

  @Override
  public List<Binding> bindings() {
    String sql = "SELECT " + Rows.BINDING_COLUMNS + " FROM bindings";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      return all(ps, Rows::binding);
    } catch (SQLException e) {
      throw SqlFailures.translate("read bindings", e);
    }
  }

  @Override
  public Optional<ProxyNumber> number(PhoneNumber number) {
    return one("SELECT " + Rows.NUMBER_COLUMNS + " FROM " + Rows.NUMBERS + " WHERE n.number = ?",
        number.e164(), Rows::number);
  }

  /** One query for all of them: a click-to-call reads four numbers before it starts. */
  @Override
  public Map<PhoneNumber, ProxyNumber> numbers(Collection<PhoneNumber> numbers) {
    List<String> wanted = numbers.stream().map(PhoneNumber::e164).distinct().toList();
    if (wanted.isEmpty()) {
      return Map.of();
    }
    String sql = "SELECT " + Rows.NUMBER_COLUMNS + " FROM " + Rows.NUMBERS + " WHERE n.number IN ("
        + CandidateSql.placeholders(wanted.size()) + ")";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      CandidateSql.bindAll(ps, wanted);
      Map<PhoneNumber, ProxyNumber> found = new HashMap<>();
      for (ProxyNumber number : all(ps, Rows::number)) {
        found.put(number.number(), number);
      }
      return found;
    } catch (SQLException e) {
      throw SqlFailures.translate("read numbers", e);
    }
  }

  @Override
  public List<String> activeSessionsUsing(PhoneNumber number) {
    String sql = "SELECT DISTINCT b.session_id FROM bindings b"
        + " JOIN masking_sessions s ON s.id = b.session_id"
        + " WHERE b.proxy = ? AND b.expires_at IS NULL AND s.status = 'active'";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, number.e164());
      return all(ps, rs -> rs.getString(1));
    } catch (SQLException e) {
      throw SqlFailures.translate("find sessions using a number", e);
    }
  }

  private <T> Optional<T> one(String sql, String key, RowReader<T> reader) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      return all(ps, reader).stream().findFirst();
    } catch (SQLException e) {
      throw SqlFailures.translate("read", e);
    }
  }

  static <T> List<T> all(PreparedStatement ps, RowReader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
    }
    return rows;
  }

  private static void rollback(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; the pool discards it and the original failure is reported.
    }
  }

  /** Reads one value from the current row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }
}
