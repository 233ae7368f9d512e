package io.callmask.server.store;

import io.callmask.server.masking.Binding;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.NumberRole;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.Side;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** Reads domain values from result sets and binds them to statements; the column lists match. */
final class Rows {

  /** The columns {@link #session} reads, in order. */
  static final String SESSION_COLUMNS = "id, ref, region, status, customer_number, customer_proxy,"
      + " customer_backup, customer_click_to_call, partner_number, partner_proxy, partner_backup,"
      + " partner_click_to_call, created_at, closed_at, quarantine_until";

  /** {@link #SESSION_COLUMNS}, each qualified by {@code alias} (for joins). */
  static String sessionColumns(String alias) {
    return alias + "." + SESSION_COLUMNS.replace(", ", ", " + alias + ".");
  }

  /** The columns {@link #number} reads, in order, from {@link #NUMBERS}. */
  static final String NUMBER_COLUMNS = "n.number, n.trunk, n.region, n.pool, l.capacity, l.health";

  /** The numbers as registered ({@code n}) with their load and health ({@code l}). */
  static final String NUMBERS =
      "proxy_numbers n JOIN number_loads l ON l.number_rank = n.number_rank";

  /** The columns {@link #binding} reads, in order. */
  static final String BINDING_COLUMNS =
      "party, proxy, session_id, party_side, number_role, expires_at";

  private Rows() {}

  static MaskingSession session(ResultSet rs) throws SQLException {
    return new MaskingSession(
        rs.getString(1),
        Optional.ofNullable(rs.getString(2)),
        rs.getString(3),
        MaskingSession.Status.fromConfigName(rs.getString(4)),
        new SessionSide(phone(rs, 5), phone(rs, 6), phone(rs, 7), rs.getBoolean(8)),
        new SessionSide(phone(rs, 9), phone(rs, 10), phone(rs, 11), rs.getBoolean(12)),
        instant(rs, 13).orElseThrow(),
        instant(rs, 14),
        instant(rs, 15));
  }

  static ProxyNumber number(ResultSet rs) throws SQLException {
    return new ProxyNumber(phone(rs, 1), rs.getString(2), rs.getString(3),
        Pool.fromConfigName(rs.getString(4)), rs.getInt(5),
        Health.fromConfigName(rs.getString(6)));
  }

  static Binding binding(ResultSet rs) throws SQLException {
    return binding(rs, 0);
  }

  /** A binding whose {@link #BINDING_COLUMNS} follow {@code offset} other columns. */
  static Binding binding(ResultSet rs, int offset) throws SQLException {
    return new Binding(phone(rs, offset + 1), phone(rs, offset + 2), rs.getString(offset + 3),
        Side.fromConfigName(rs.getString(offset + 4)), role(rs.getString(offset + 5)),
        instant(rs, offset + 6));
  }

  static String code(NumberRole role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  static NumberRole role(String code) {
    return NumberRole.valueOf(code.toUpperCase(Locale.ROOT));
  }

  static PhoneNumber phone(ResultSet rs, int column) throws SQLException {
    return new PhoneNumber(rs.getString(column));
  }

  static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }

  static void setInstant(PreparedStatement ps, int index, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setObject(index, OffsetDateTime.ofInstant(value.get(), ZoneOffset.UTC));
    } else {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    setInstant(ps, index, Optional.of(value));
  }
}
