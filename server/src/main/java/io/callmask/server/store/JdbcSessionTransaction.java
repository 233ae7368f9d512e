package io.callmask.server.store;

import io.callmask.server.masking.Binding;
import io.callmask.server.masking.CandidateQuery;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.NumberRole;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.PoolConstraint;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.SessionTransaction;
import io.callmask.server.masking.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One store transaction on one connection (auto-commit off), opened by {@link
 * JdbcSessionStore#inTransaction}. Not thread-safe.
 *
 * <p>Locks are taken in phases, each in a fixed order, so that concurrent transactions (here or
 * on another server) rarely deadlock: session and binding rows as the work goes (bindings in key
 * order); then, in {@link #flush} just before commit, the parties' holdings in number order
 * (each written only if no other transaction changed it since it was read), and last the
 * live-session counters, the hot rows, in number order.
 */
final class JdbcSessionTransaction implements SessionTransaction {

  private static final String QUARANTINE = "UPDATE bindings SET expires_at = ?"
      + " WHERE proxy = ? AND party = ? AND session_id = ? AND expires_at IS NULL";

  private final Connection connection;
  private final TransactionHoldings holdings;
  private final LiveCounts counts;
  private final QuarantineRelease release;
  private final PoolCatalog pools;
  private final WrittenRoutes written;
  /** Sessions read or locked in this transaction, as last written. */
  private final Map<String, MaskingSession> sessions = new HashMap<>();
  /** The last pool window read; dropped whenever bindings change. */
  private CandidateWindow window;

  /** @param written where every binding and session this transaction writes is noted */
  JdbcSessionTransaction(Connection connection, PoolCatalog pools, WrittenRoutes written) {
    this.connection = connection;
    this.pools = pools;
    this.written = written;
    this.holdings = new TransactionHoldings(connection);
    this.counts = new LiveCounts(connection, pools.ranks());
    this.release = new QuarantineRelease(connection, holdings, counts, written);
  }

  @Override
  public Optional<ProxyNumber> first(CandidateQuery query) {
    try {
      if (window == null || !window.serves(query)) {
        window = CandidateWindow.open(connection, query, held(query.parties()), pools);
      }
      return window.first(query);
    } catch (SQLException e) {
      throw SqlFailures.translate("find a candidate number", e);
    }
  }

  @Override
  public PoolConstraint exhaustion(CandidateQuery query) {
    CandidateSql sql = CandidateSql.stages(query);
    try (PreparedStatement ps = connection.prepareStatement(sql.text())) {
      sql.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long[] stages = new long[PoolConstraint.values().length];
        for (int i = 0; i < stages.length; i++) {
          stages[i] = rs.getLong(i + 1);
        }
        return PoolConstraint.firstEmpty(stages);
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("explain an exhausted pool", e);
    }
  }

  @Override
  public Optional<MaskingSession> sessionByRef(String ref) {
    return oneSession("SELECT " + Rows.SESSION_COLUMNS + " FROM masking_sessions WHERE ref = ?",
        ref);
  }

  @Override
  public Optional<MaskingSession> lockSession(String id) {
    Optional<MaskingSession> locked = oneSession("SELECT " + Rows.SESSION_COLUMNS
        + " FROM masking_sessions WHERE id = ? FOR UPDATE", id);
    locked.ifPresent(session -> sessions.put(id, session));
    return locked;
  }

  @Override
  public Optional<ProxyNumber> number(PhoneNumber number) {
    String sql = "SELECT " + Rows.NUMBER_COLUMNS + " FROM " + Rows.NUMBERS + " WHERE n.number = ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, number.e164());
      return JdbcSessionStore.all(ps, Rows::number).stream().findFirst();
    } catch (SQLException e) {
      throw SqlFailures.translate("read a number", e);
    }
  }

  @Override
  public void take(PhoneNumber number, int maxLiveSessions) {
    counts.take(number.e164(), maxLiveSessions);
  }

  /** Writes the parties' holdings, then the live-session counts (see the class comment). */
  void flush() {
    holdings.flush();
    counts.flush();
  }

  @Override
  public void insertSession(MaskingSession session) {
    String sql = "INSERT INTO masking_sessions (" + Rows.SESSION_COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    written.session(session.id());
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, session.id());
      ps.setString(2, session.ref().orElse(null));
      ps.setString(3, session.region());
      ps.setString(4, session.status().configName());
      bindSide(ps, 5, session.customer());
      bindSide(ps, 9, session.partner());
      Rows.setInstant(ps, 13, session.createdAt());
      Rows.setInstant(ps, 14, session.closedAt());
      Rows.setInstant(ps, 15, session.quarantineUntil());
      ps.executeUpdate();
      sessions.put(session.id(), session);
    } catch (SQLException e) {
      throw SqlFailures.translate("insert a session", e);
    }
  }

  @Override
  public void updateSession(MaskingSession session) {
    String sql = "UPDATE masking_sessions SET status = ?, customer_proxy = ?, customer_backup = ?,"
        + " customer_click_to_call = ?, partner_proxy = ?, partner_backup = ?,"
        + " partner_click_to_call = ?, closed_at = ?, quarantine_until = ? WHERE id = ?";
    written.session(session.id());
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, session.status().configName());
      ps.setString(2, session.customer().proxy().e164());
      ps.setString(3, session.customer().backupProxy().e164());
      ps.setBoolean(4, session.customer().clickToCall());
      ps.setString(5, session.partner().proxy().e164());
      ps.setString(6, session.partner().backupProxy().e164());
      ps.setBoolean(7, session.partner().clickToCall());
      Rows.setInstant(ps, 8, session.closedAt());
      Rows.setInstant(ps, 9, session.quarantineUntil());
      ps.setString(10, session.id());
      ps.executeUpdate();
      sessions.put(session.id(), session);
    } catch (SQLException e) {
      throw SqlFailures.translate("update a session", e);
    }
  }

  @Override
  public void insertBindings(Collection<Binding> bindings) {
    window = null;
    if (bindings.isEmpty()) {
      return;
    }
    holdings.read(bindings.stream().map(binding -> binding.party().e164()).toList());
    List<Binding> ordered = new ArrayList<>(bindings);
    ordered.sort(Comparator.comparing(Binding::proxy).thenComparing(Binding::party));
    // One multi-row INSERT: rows go in in key order on H2 and PostgreSQL alike.
    String sql = "INSERT INTO bindings (" + Rows.BINDING_COLUMNS + ") VALUES "
        + String.join(", ", Collections.nCopies(ordered.size(), "(?, ?, ?, ?, ?, ?)"));
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int index = 1;
      for (Binding binding : ordered) {
        written.binding(binding.proxy().e164(), binding.party().e164());
        ps.setString(index++, binding.party().e164());
        ps.setString(index++, binding.proxy().e164());
        ps.setString(index++, binding.sessionId());
        ps.setString(index++, binding.side().configName());
        ps.setString(index++, Rows.code(binding.role()));
        Rows.setInstant(ps, index++, binding.expiresAt());
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.translate("bind a party to a number", e);
    }
    for (Binding binding : ordered) {
      holdings.of(binding.party().e164()).hold(binding.proxy().e164(), binding.expiresAt());
    }
  }

  @Override
  public void quarantineSession(String sessionId, Instant until) {
    quarantine(sessionId, Optional.empty(), until);
  }

  @Override
  public void quarantineNumber(String sessionId, PhoneNumber proxy, Instant until) {
    quarantine(sessionId, Optional.of(proxy), until);
  }

  /**
   * Starts the quarantine of the session's active bindings, or of those of {@code only}: the
   * bindings are the session's (party, proxy) pairs, found by primary key.
   */
  private void quarantine(String sessionId, Optional<PhoneNumber> only, Instant until) {
    Optional<MaskingSession> found = Optional.ofNullable(sessions.get(sessionId))
        .or(() -> session(sessionId));
    if (found.isEmpty()) {
      return;
    }
    MaskingSession session = found.get();
    holdings.read(List.of(session.customer().number().e164(),
        session.partner().number().e164()));
    try (PreparedStatement ps = connection.prepareStatement(QUARANTINE)) {
      for (Side side : Side.values()) {
        SessionSide of = session.side(side);
        for (NumberRole role : NumberRole.values()) {
          PhoneNumber proxy = of.proxy(role);
          if (only.isPresent() && !only.get().equals(proxy)) {
            continue;
          }
          Rows.setInstant(ps, 1, until);
          ps.setString(2, proxy.e164());
          ps.setString(3, of.number().e164());
          ps.setString(4, sessionId);
          written.binding(proxy.e164(), of.number().e164());
          if (ps.executeUpdate() > 0) {
            holdings.of(of.number().e164()).quarantine(proxy.e164(), until);
          }
        }
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("start a quarantine", e);
    }
  }

  @Override
  public int releaseExpired(Collection<PhoneNumber> parties, Instant now, int limit) {
    window = null;
    if (parties.isEmpty()) {
      return release.ofAnyParties(now, limit);
    }
    return release.ofParties(parties.stream().map(PhoneNumber::e164).toList(), now);
  }

  @Override
  public boolean setHealth(PhoneNumber number, Health health) {
    String sql = "UPDATE number_loads SET health = ?"
        + " WHERE number_rank = (SELECT number_rank FROM proxy_numbers WHERE number = ?)";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, health.configName());
      ps.setString(2, number.e164());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw SqlFailures.translate("record a number's health", e);
    }
  }

  /** The proxies the parties hold, from their holdings. */
  private Set<String> held(Set<PhoneNumber> parties) {
    holdings.read(parties.stream().map(PhoneNumber::e164).toList());
    Set<String> held = new HashSet<>();
    for (PhoneNumber party : parties) {
      held.addAll(holdings.of(party.e164()).proxies());
    }
    return held;
  }

  private Optional<MaskingSession> session(String id) {
    return oneSession("SELECT " + Rows.SESSION_COLUMNS + " FROM masking_sessions WHERE id = ?",
        id);
  }

  private Optional<MaskingSession> oneSession(String sql, String key) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, key);
      return JdbcSessionStore.all(ps, Rows::session).stream().findFirst();
    } catch (SQLException e) {
      throw SqlFailures.translate("read a session", e);
    }
  }

  private static void bindSide(PreparedStatement ps, int first, SessionSide side)
      throws SQLException {
    ps.setString(first, side.number().e164());
    ps.setString(first + 1, side.proxy().e164());
    ps.setString(first + 2, side.backupProxy().e164());
    ps.setBoolean(first + 3, side.clickToCall());
  }
}
