package io.callmask.server.store;

import io.callmask.server.masking.Binding;
import io.callmask.server.masking.CandidateQuery;
import io.callmask.server.masking.ConcurrentChangeException;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.PoolConstraint;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.SessionTransaction;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * One store transaction on one connection (auto-commit off), opened by {@link
 * JdbcSessionStore#inTransaction}. Not thread-safe.
 *
 * <p>Locks are taken in phases, each in a fixed order, so that concurrent transactions (here or
 * on another server) rarely deadlock: binding rows are deleted in (proxy, session) order and
 * inserted in (party, proxy) order as the work goes, while the live-session counters, the hot
 * rows, are only changed by {@link #flushCounts} just before commit, in number order.
 */
final class JdbcSessionTransaction implements SessionTransaction {

  private static final String TAKE = "UPDATE proxy_numbers SET live_sessions = live_sessions + ?"
      + " WHERE number = ? AND health = 'healthy' AND live_sessions + ? <= capacity"
      + " AND live_sessions + ? <= ?";
  private static final String UNCOUNT =
      "UPDATE proxy_numbers SET live_sessions = live_sessions - ? WHERE number = ?";

  private final Connection connection;
  private final Map<String, CountChange> counts = new TreeMap<>();
  /** The last pool window read; dropped whenever bindings change. */
  private CandidateWindow window;
  /** Proxies bound to the parties last released for, while no binding was added since. */
  private Map<String, Set<String>> heldByParty;

  JdbcSessionTransaction(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<ProxyNumber> first(CandidateQuery query) {
    try {
      if (window == null || !window.serves(query)) {
        window = CandidateWindow.open(connection, query, heldByParty);
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
    return oneSession("SELECT " + Rows.SESSION_COLUMNS
        + " FROM masking_sessions WHERE id = ? FOR UPDATE", id);
  }

  @Override
  public Optional<ProxyNumber> number(PhoneNumber number) {
    String sql = "SELECT " + Rows.NUMBER_COLUMNS + " FROM proxy_numbers WHERE number = ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, number.e164());
      return JdbcSessionStore.all(ps, Rows::number).stream().findFirst();
    } catch (SQLException e) {
      throw SqlFailures.translate("read a number", e);
    }
  }

  @Override
  public void take(PhoneNumber number, int maxLiveSessions) {
    counts.computeIfAbsent(number.e164(), n -> new CountChange()).take(maxLiveSessions);
  }

  /**
   * Applies the counted takes and releases one number at a time, in number order. (One UPDATE
   * over an IN list would lock in whatever order the plan scans, a sequential scan on
   * PostgreSQL, and concurrent creates then deadlock.) A number taken must still be healthy and
   * have room for the net change, else ConcurrentChangeException.
   */
  void flushCounts() {
    try (PreparedStatement take = connection.prepareStatement(TAKE);
        PreparedStatement uncount = connection.prepareStatement(UNCOUNT)) {
      for (Map.Entry<String, CountChange> entry : counts.entrySet()) {
        CountChange change = entry.getValue();
        int net = change.taken - change.released;
        if (change.taken > 0) {
          take.setInt(1, net);
          take.setString(2, entry.getKey());
          take.setInt(3, net);
          take.setInt(4, net);
          take.setInt(5, change.maxLiveSessions);
          if (take.executeUpdate() != 1) {
            throw new ConcurrentChangeException("number filled or unhealthy meanwhile", null);
          }
        } else if (net != 0) {
          uncount.setInt(1, -net);
          uncount.setString(2, entry.getKey());
          uncount.executeUpdate();
        }
      }
      counts.clear();
    } catch (SQLException e) {
      throw SqlFailures.translate("count live sessions", e);
    }
  }

  @Override
  public void insertSession(MaskingSession session) {
    String sql = "INSERT INTO masking_sessions (" + Rows.SESSION_COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
    } catch (SQLException e) {
      throw SqlFailures.translate("insert a session", e);
    }
  }

  @Override
  public void updateSession(MaskingSession session) {
    String sql = "UPDATE masking_sessions SET status = ?, customer_proxy = ?, customer_backup = ?,"
        + " customer_click_to_call = ?, partner_proxy = ?, partner_backup = ?,"
        + " partner_click_to_call = ?, closed_at = ?, quarantine_until = ? WHERE id = ?";
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
    } catch (SQLException e) {
      throw SqlFailures.translate("update a session", e);
    }
  }

  @Override
  public void insertBindings(Collection<Binding> bindings) {
    window = null;
    heldByParty = null;
    if (bindings.isEmpty()) {
      return;
    }
    List<Binding> ordered = new ArrayList<>(bindings);
    ordered.sort(Comparator.comparing(Binding::party).thenComparing(Binding::proxy));
    // One multi-row INSERT: rows go in in this (party, proxy) order on H2 and PostgreSQL alike.
    String sql = "INSERT INTO bindings (" + Rows.BINDING_COLUMNS + ") VALUES "
        + String.join(", ", Collections.nCopies(ordered.size(), "(?, ?, ?, ?, ?, ?)"));
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int index = 1;
      for (Binding binding : ordered) {
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
  }

  @Override
  public void quarantineSession(String sessionId, Instant until) {
    String sql = "UPDATE bindings SET expires_at = ? WHERE session_id = ? AND expires_at IS NULL";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      Rows.setInstant(ps, 1, until);
      ps.setString(2, sessionId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.translate("quarantine a session", e);
    }
  }

  @Override
  public void quarantineNumber(String sessionId, PhoneNumber proxy, Instant until) {
    String sql = "UPDATE bindings SET expires_at = ?"
        + " WHERE session_id = ? AND proxy = ? AND expires_at IS NULL";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      Rows.setInstant(ps, 1, until);
      ps.setString(2, sessionId);
      ps.setString(3, proxy.e164());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.translate("quarantine a replaced number", e);
    }
  }

  @Override
  public int releaseExpired(Collection<PhoneNumber> parties, Instant now, int limit) {
    window = null;
    heldByParty = null;
    List<SessionNumber> groups = expiredGroups(parties, now, limit);
    // Counters in a fixed order, so two releasing transactions cannot deadlock on them.
    groups.sort(Comparator.comparing(SessionNumber::proxy).thenComparing(SessionNumber::sessionId));
    int released = 0;
    String delete = "DELETE FROM bindings WHERE session_id = ? AND proxy = ? AND expires_at <= ?";
    try (PreparedStatement del = connection.prepareStatement(delete)) {
      for (SessionNumber group : groups) {
        del.setString(1, group.sessionId());
        del.setString(2, group.proxy());
        Rows.setInstant(del, 3, now);
        if (del.executeUpdate() > 0) {
          counts.computeIfAbsent(group.proxy(), n -> new CountChange()).released++;
          released++;
        }
      }
      return released;
    } catch (SQLException e) {
      throw SqlFailures.translate("release expired bindings", e);
    }
  }

  @Override
  public boolean setHealth(PhoneNumber number, Health health) {
    String sql = "UPDATE proxy_numbers SET health = ? WHERE number = ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, health.configName());
      ps.setString(2, number.e164());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw SqlFailures.translate("record a number's health", e);
    }
  }

  /** Expired groups: of any parties (at most {@code limit}), or all of the given parties'. */
  private List<SessionNumber> expiredGroups(
      Collection<PhoneNumber> parties, Instant now, int limit) {
    return parties.isEmpty() ? expiredGroups(now, limit) : expiredGroupsOf(parties, now);
  }

  /** Any parties' groups whose quarantine ended, oldest first, at most {@code limit}. */
  private List<SessionNumber> expiredGroups(Instant now, int limit) {
    String sql = "SELECT session_id, proxy FROM bindings WHERE expires_at <= ?"
        + " ORDER BY expires_at FETCH FIRST ? ROWS ONLY";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      Rows.setInstant(ps, 1, now);
      // Groups have one or two rows (a shared number is bound to both parties).
      ps.setInt(2, limit == Integer.MAX_VALUE ? limit : 2 * limit);
      Set<SessionNumber> groups = new LinkedHashSet<>(JdbcSessionStore.all(ps,
          rs -> new SessionNumber(rs.getString(1), rs.getString(2))));
      return groups.stream().limit(limit).collect(Collectors.toCollection(ArrayList::new));
    } catch (SQLException e) {
      throw SqlFailures.translate("find expired bindings", e);
    }
  }

  /**
   * The parties' expired groups. Their few bindings are read by the primary key's party prefix
   * and filtered here: a range condition on expires_at would tempt the planner into the expiry
   * index, which holds every quarantined pair of every party.
   */
  private List<SessionNumber> expiredGroupsOf(Collection<PhoneNumber> parties, Instant now) {
    String sql = "SELECT party, session_id, proxy, expires_at FROM bindings WHERE party IN ("
        + CandidateSql.placeholders(parties.size()) + ")";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int index = 1;
      Map<String, Set<String>> held = new HashMap<>();
      for (PhoneNumber party : parties) {
        ps.setString(index++, party.e164());
        held.put(party.e164(), new HashSet<>());
      }
      Set<SessionNumber> groups = new LinkedHashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Optional<Instant> expiresAt = Rows.instant(rs, 4);
          if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            groups.add(new SessionNumber(rs.getString(2), rs.getString(3)));
          } else {
            held.get(rs.getString(1)).add(rs.getString(3));
          }
        }
      }
      // What stays bound once these groups are deleted: the candidate windows need no new read.
      heldByParty = held;
      return new ArrayList<>(groups);
    } catch (SQLException e) {
      throw SqlFailures.translate("find expired bindings", e);
    }
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

  /** Live sessions to add to and remove from one number's count at commit. */
  private static final class CountChange {
    int taken;
    int released;
    int maxLiveSessions = Integer.MAX_VALUE;

    void take(int maxLive) {
      taken++;
      maxLiveSessions = Math.min(maxLiveSessions, maxLive);
    }

  }

  /** A session's hold on one number: released together, counted once. */
  private record SessionNumber(String sessionId, String proxy) {}
}
