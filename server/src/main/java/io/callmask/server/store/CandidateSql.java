package io.callmask.server.store;

import io.callmask.server.masking.CandidateQuery;
import io.callmask.server.masking.PhoneNumber;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL that explains an exhausted {@link CandidateQuery}: how many numbers survive each
 * constraint, to say which one emptied the pool. Parameterised; the text varies only in the
 * number of placeholders. Immutable.
 */
record CandidateSql(String text, List<Object> parameters) {

  private static final String UNBOUND = "NOT EXISTS (SELECT 1 FROM bindings b"
      + " WHERE b.proxy = n.number AND b.party IN (%s))";

  /** Placeholders for an IN list of {@code count} values. */
  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  /** Binds {@code values} to the first parameters of {@code ps}, in order: an IN list's. */
  static void bindAll(PreparedStatement ps, List<String> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      ps.setString(i + 1, values.get(i));
    }
  }

  /**
   * One row: the numbers of the region's pool, then those left after each further constraint of
   * {@link io.callmask.server.masking.PoolConstraint}, in its order.
   */
  static CandidateSql stages(CandidateQuery query) {
    String healthy = "l.health = 'healthy'";
    String roomy = healthy + " AND l.live_sessions < l.capacity AND l.live_sessions < ?";
    StringBuilder free = new StringBuilder(roomy);
    List<Object> freeParameters = new ArrayList<>();
    freeParameters.add(query.maxLiveSessions());
    free.append(" AND ").append(unbound(freeParameters, query));
    StringBuilder otherTrunk = new StringBuilder(free);
    List<Object> otherTrunkParameters = new ArrayList<>(freeParameters);
    appendTrunk(otherTrunk, otherTrunkParameters, query);

    StringBuilder sql = new StringBuilder("SELECT COUNT(*), ").append(count(healthy))
        .append(", ").append(count(roomy)).append(", ").append(count(free)).append(", ")
        .append(count(otherTrunk))
        .append(" FROM ").append(Rows.NUMBERS).append(" WHERE n.region = ? AND n.pool = ?");
    List<Object> parameters = new ArrayList<>();
    parameters.add(query.maxLiveSessions());
    parameters.addAll(freeParameters);
    parameters.addAll(otherTrunkParameters);
    parameters.add(query.region());
    parameters.add(query.pool().configName());
    // The session's own numbers (the primary, when choosing its backup) are not in the pool.
    appendExcluded(sql, parameters, query);
    return new CandidateSql(sql.toString(), parameters);
  }

  /** Binds the parameters in order. */
  void bind(PreparedStatement ps) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      Object value = parameters.get(i);
      if (value instanceof Integer number) {
        ps.setInt(i + 1, number);
      } else {
        ps.setString(i + 1, (String) value);
      }
    }
  }

  private static String count(CharSequence condition) {
    return "COALESCE(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)";
  }

  private static void appendExcluded(
      StringBuilder sql, List<Object> parameters, CandidateQuery query) {
    if (!query.excluded().isEmpty()) {
      sql.append(" AND n.number NOT IN (").append(placeholders(query.excluded().size()))
          .append(')');
      query.excluded().stream().sorted().map(PhoneNumber::e164).forEach(parameters::add);
    }
  }

  private static void appendTrunk(
      StringBuilder sql, List<Object> parameters, CandidateQuery query) {
    if (query.avoidTrunk().isPresent()) {
      sql.append(" AND n.trunk <> ?");
      parameters.add(query.avoidTrunk().get());
    }
  }

  private static String unbound(List<Object> parameters, CandidateQuery query) {
    query.parties().stream().sorted().map(PhoneNumber::e164).forEach(parameters::add);
    return String.format(UNBOUND, placeholders(query.parties().size()));
  }
}
