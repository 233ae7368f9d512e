package io.callmask.server.store;

import io.callmask.server.calls.CallAttempt;
import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Side;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Binds call records to the statements of {@link JdbcCallRecordStore} and reads them back from
 * its join of {@code calls} and {@code call_attempts}. Codes are the API's spellings.
 */
final class CallRows {

  private CallRows() {}

  /** Binds a call's columns as parameters 1 to 10, its id last. */
  static void bindCall(PreparedStatement ps, CallRecord record) throws SQLException {
    ps.setString(1, record.session());
    ps.setString(2, record.kind().configName());
    ps.setString(3, record.from().configName());
    ps.setString(4, record.status().configName());
    ps.setInt(5, record.attempts().size());
    Rows.setInstant(ps, 6, record.startedAt());
    Rows.setInstant(ps, 7, record.answeredAt());
    Rows.setInstant(ps, 8, record.endedAt());
    ps.setString(9, record.failure().map(CallRows::code).orElse(null));
    ps.setString(10, record.id());
  }

  /** Binds attempt {@code number} (from 1) of call {@code callId}. */
  static void bindAttempt(PreparedStatement ps, String callId, int number, CallAttempt attempt)
      throws SQLException {
    ps.setString(1, callId);
    ps.setInt(2, number);
    ps.setString(3, attempt.trunk());
    ps.setString(4, attempt.presented().e164());
    if (attempt.sipStatus().isPresent()) {
      ps.setInt(5, attempt.sipStatus().getAsInt());
    } else {
      ps.setNull(5, Types.INTEGER);
    }
  }

  /**
   * The calls of a result set whose rows are (9 call columns, trunk, presented, sip_status), one
   * row per attempt (attempt columns null for a call without any), ordered by call then attempt.
   */
  static List<CallRecord> records(ResultSet rs) throws SQLException {
    Map<String, CallRecord> calls = new LinkedHashMap<>();
    Map<String, List<CallAttempt>> attempts = new LinkedHashMap<>();
    while (rs.next()) {
      String id = rs.getString(1);
      if (!calls.containsKey(id)) {
        calls.put(id, call(rs, List.of()));
        attempts.put(id, new ArrayList<>());
      }
      String trunk = rs.getString(10);
      if (trunk != null) {
        PhoneNumber presented = new PhoneNumber(rs.getString(11));
        int status = rs.getInt(12);
        OptionalInt sipStatus = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
        attempts.get(id).add(new CallAttempt(trunk, presented, sipStatus));
      }
    }
    List<CallRecord> records = new ArrayList<>(calls.size());
    for (CallRecord call : calls.values()) {
      records.add(withAttempts(call, attempts.get(call.id())));
    }
    return records;
  }

  private static CallRecord call(ResultSet rs, List<CallAttempt> attempts) throws SQLException {
    return new CallRecord(
        rs.getString(1),
        rs.getString(2),
        CallKind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
        Side.fromConfigName(rs.getString(4)),
        status(rs.getString(5)),
        attempts,
        Rows.instant(rs, 6).orElseThrow(),
        Rows.instant(rs, 7),
        Rows.instant(rs, 8),
        Optional.ofNullable(rs.getString(9))
            .map(code -> FailureSide.valueOf(code.toUpperCase(Locale.ROOT))));
  }

  private static CallRecord withAttempts(CallRecord c, List<CallAttempt> attempts) {
    return new CallRecord(c.id(), c.session(), c.kind(), c.from(), c.status(), attempts,
        c.startedAt(), c.answeredAt(), c.endedAt(), c.failure());
  }

  static CallStatus status(String code) {
    return CallStatus.valueOf(code.toUpperCase(Locale.ROOT));
  }

  static String code(FailureSide side) {
    return side.name().toLowerCase(Locale.ROOT);
  }
}
