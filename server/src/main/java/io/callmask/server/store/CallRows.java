package io.callmask.server.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Binds call records to the statements of {@link JdbcCallRecordStore} and reads them back. Codes
 * are the API's spellings; the attempts column is a JSON array (see {@code V20__calls.sql}).
 */
final class CallRows {

  /** The columns {@link #call} reads, in order. */
  static final String COLUMNS = "id, session_id, kind, from_side, status, attempts, started_at,"
      + " answered_at, ended_at, failure_side";

  /** The stored shape of one attempt. */
  private record StoredAttempt(String trunk, String presented,
      @JsonProperty("sip_status") Integer sipStatus) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<StoredAttempt>> ATTEMPTS = new TypeReference<>() {};

  private CallRows() {}

  /** Binds a call's columns as parameters 1 to 11, its id last. */
  static void bindCall(PreparedStatement ps, CallRecord record) throws SQLException {
    ps.setString(1, record.session());
    ps.setString(2, record.kind().configName());
    ps.setString(3, record.from().configName());
    ps.setString(4, record.status().configName());
    ps.setInt(5, record.attempts().size());
    ps.setString(6, attempts(record.attempts()));
    Rows.setInstant(ps, 7, record.startedAt());
    Rows.setInstant(ps, 8, record.answeredAt());
    Rows.setInstant(ps, 9, record.endedAt());
    ps.setString(10, record.failure().map(CallRows::code).orElse(null));
    ps.setString(11, record.id());
  }

  /** The call of a row of {@link #COLUMNS}. */
  static CallRecord call(ResultSet rs) throws SQLException {
    return new CallRecord(
        rs.getString(1),
        rs.getString(2),
        CallKind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
        Side.fromConfigName(rs.getString(4)),
        status(rs.getString(5)),
        attempts(rs.getString(6)),
        Rows.instant(rs, 7).orElseThrow(),
        Rows.instant(rs, 8),
        Rows.instant(rs, 9),
        Optional.ofNullable(rs.getString(10))
            .map(code -> FailureSide.valueOf(code.toUpperCase(Locale.ROOT))));
  }

  static CallStatus status(String code) {
    return CallStatus.valueOf(code.toUpperCase(Locale.ROOT));
  }

  private static String code(FailureSide side) {
    return side.name().toLowerCase(Locale.ROOT);
  }

  private static String attempts(List<CallAttempt> attempts) {
    List<StoredAttempt> stored = attempts.stream()
        .map(a -> new StoredAttempt(a.trunk(), a.presented().e164(),
            a.sipStatus().isPresent() ? a.sipStatus().getAsInt() : null))
        .toList();
    try {
      return JSON.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings and numbers always serialise", e);
    }
  }

  private static List<CallAttempt> attempts(String json) throws SQLException {
    try {
      return JSON.readValue(json, ATTEMPTS).stream()
          .map(a -> new CallAttempt(a.trunk(), new PhoneNumber(a.presented()),
              a.sipStatus() == null ? OptionalInt.empty() : OptionalInt.of(a.sipStatus())))
          .toList();
    } catch (JsonProcessingException e) {
      throw new SQLException("a call's attempts column holds no attempts array", e);
    }
  }
}
