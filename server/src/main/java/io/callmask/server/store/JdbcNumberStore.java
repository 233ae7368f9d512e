package io.callmask.server.store;

import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.PoolChange;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.Trunk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Trunks and proxy numbers in SQL. Thread-safe; each call uses its own pooled connection. */
public final class JdbcNumberStore implements NumberStore {

  private static final String UNIQUE_VIOLATION = "23505";

  private final Database database;

  /** A store over an open, migrated database. */
  public JdbcNumberStore(Database database) {
    this.database = database;
  }

  @Override
  public PoolChange addTrunk(Trunk trunk) {
    String sql = "INSERT INTO trunks (name, gateway_host, gateway_port, transport, allow_cidrs)"
        + " VALUES (?, ?, ?, ?, ?)";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, trunk.name());
      ps.setString(2, trunk.gatewayHost());
      ps.setInt(3, trunk.gatewayPort());
      ps.setString(4, trunk.transport());
      ps.setString(5, String.join(",", trunk.allow()));
      ps.executeUpdate();
      return new PoolChange.Added(1);
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return new PoolChange.Duplicate("trunk " + trunk.name());
      }
      throw SqlFailures.translate("add a trunk", e);
    }
  }

  @Override
  public List<Trunk> trunks() {
    String sql = "SELECT name, gateway_host, gateway_port, transport, allow_cidrs FROM trunks"
        + " ORDER BY name";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      return JdbcSessionStore.all(ps, rs -> new Trunk(rs.getString(1), rs.getString(2),
          rs.getInt(3), rs.getString(4), cidrs(rs.getString(5))));
    } catch (SQLException e) {
      throw SqlFailures.translate("list trunks", e);
    }
  }

  @Override
  public PoolChange addNumbers(List<ProxyNumber> numbers) {
    Set<String> known = new HashSet<>();
    trunks().forEach(trunk -> known.add(trunk.name()));
    Set<String> seen = new HashSet<>();
    for (ProxyNumber number : numbers) {
      if (!known.contains(number.trunk())) {
        return new PoolChange.UnknownTrunk(number.trunk());
      }
      if (!seen.add(number.number().e164())) {
        return new PoolChange.Duplicate("number " + number.number().e164());
      }
    }
    String sql = "INSERT INTO proxy_numbers (number, trunk, region, pool) VALUES (?, ?, ?, ?)";
    // The load row takes the rank the number was just given.
    String load = "INSERT INTO number_loads (number_rank, capacity, health)"
        + " SELECT number_rank, ?, ? FROM proxy_numbers WHERE number = ?";
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql);
          PreparedStatement loads = c.prepareStatement(load)) {
        // One row at a time, in order: the rank (first-fit order) is the order given.
        for (ProxyNumber number : numbers) {
          ps.setString(1, number.number().e164());
          ps.setString(2, number.trunk());
          ps.setString(3, number.region());
          ps.setString(4, number.pool().configName());
          ps.executeUpdate();
          loads.setInt(1, number.capacity());
          loads.setString(2, number.health().configName());
          loads.setString(3, number.number().e164());
          loads.executeUpdate();
        }
        c.commit();
        return new PoolChange.Added(numbers.size());
      } catch (SQLException e) {
        c.rollback();
        return refusal(e);
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("add numbers", e);
    }
  }

  @Override
  public List<NumberUse> numbers(NumberFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT ").append(Rows.NUMBER_COLUMNS)
        .append(", l.live_sessions FROM ").append(Rows.NUMBERS).append(" WHERE 1 = 1");
    List<String> parameters = new ArrayList<>();
    filter.region().ifPresent(region -> {
      sql.append(" AND n.region = ?");
      parameters.add(region);
    });
    filter.trunk().ifPresent(trunk -> {
      sql.append(" AND n.trunk = ?");
      parameters.add(trunk);
    });
    filter.health().ifPresent(health -> {
      sql.append(" AND l.health = ?");
      parameters.add(health.configName());
    });
    sql.append(" ORDER BY n.number_rank");
    try (Connection c = database.connection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        ps.setString(i + 1, parameters.get(i));
      }
      return JdbcSessionStore.all(ps, rs -> new NumberUse(Rows.number(rs), rs.getInt(7)));
    } catch (SQLException e) {
      throw SqlFailures.translate("list numbers", e);
    }
  }
  @Override
  public boolean hasRegion(String region) {
    // served by the (region, pool, number_rank) index: one probe, not a listing
    try (Connection c = database.connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT 1 FROM proxy_numbers WHERE region = ? FETCH FIRST 1 ROWS ONLY")) {
      ps.setString(1, region);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("look up region", e);
    }
  }


  private static PoolChange refusal(SQLException e) throws SQLException {
    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
      return new PoolChange.Duplicate("a number is already registered");
    }
    throw e;
  }

  private static List<String> cidrs(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }
}
