package io.callmask.server.call;

import io.callmask.sip.message.SipResponses;
import java.util.Map;
import javax.sip.header.ReasonHeader;

/**
 * The {@code Reason} header (RFC 3326) callmask puts on a BYE that it sends because the call
 * failed elsewhere, e.g. {@code Reason: SIP ;cause=486 ;text="Busy Here"} when a click-to-call's
 * second party was busy: the cause is the SIP status that ended the other leg, the text its usual
 * reason phrase. Stateless and thread-safe.
 */
final class HangUpReason {

  private static final Map<Integer, String> PHRASES = Map.ofEntries(
      Map.entry(404, "Not Found"),
      Map.entry(408, "Request Timeout"),
      Map.entry(480, "Temporarily Unavailable"),
      Map.entry(484, "Address Incomplete"),
      Map.entry(486, "Busy Here"),
      Map.entry(487, "Request Terminated"),
      Map.entry(488, "Not Acceptable Here"),
      Map.entry(500, "Server Internal Error"),
      Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Server Time-out"),
      Map.entry(600, "Busy Everywhere"),
      Map.entry(603, "Decline"),
      Map.entry(604, "Does Not Exist Anywhere"),
      Map.entry(606, "Not Acceptable"));

  private HangUpReason() {}

  /** {@code Reason: SIP ;cause=STATUS ;text="PHRASE"}. */
  static ReasonHeader of(int status) {
    return SipResponses.sipReason(status, phrase(status));
  }

  /** The usual reason phrase of {@code status}, or that of its class. */
  static String phrase(int status) {
    String known = PHRASES.get(status);
    if (known != null) {
      return known;
    }
    return switch (status / 100) {
      case 4 -> "Request Failure";
      case 5 -> "Server Failure";
      case 6 -> "Global Failure";
      default -> "Call Failed";
    };
  }
}
