package io.callmask.sip.codec;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical header names: lower case, long form. RFC 3261 §7.3.3 and later RFCs define compact
 * forms (e.g. {@code l} for Content-Length), and names compare case-insensitively. Thread-safe.
 */
final class HeaderNames {

  static final String VIA = "via";
  static final String FROM = "from";
  static final String TO = "to";
  static final String CALL_ID = "call-id";
  static final String CSEQ = "cseq";
  static final String MAX_FORWARDS = "max-forwards";
  static final String CONTENT_LENGTH = "content-length";
  static final String CONTENT_TYPE = "content-type";
  static final String CONTACT = "contact";
  static final String ROUTE = "route";
  static final String RECORD_ROUTE = "record-route";
  static final String EXPIRES = "expires";
  static final String MIN_EXPIRES = "min-expires";
  static final String RETRY_AFTER = "retry-after";
  static final String DATE = "date";
  static final String REPLY_TO = "reply-to";

  /** Compact forms of RFC 3261 §7.3.3, RFC 3265, 3515, 3892, 4028, 3841. */
  private static final Map<String, String> COMPACT = Map.ofEntries(
      Map.entry("i", CALL_ID),
      Map.entry("m", CONTACT),
      Map.entry("e", "content-encoding"),
      Map.entry("l", CONTENT_LENGTH),
      Map.entry("c", CONTENT_TYPE),
      Map.entry("f", FROM),
      Map.entry("s", "subject"),
      Map.entry("k", "supported"),
      Map.entry("t", TO),
      Map.entry("v", VIA),
      Map.entry("o", "event"),
      Map.entry("u", "allow-events"),
      Map.entry("r", "refer-to"),
      Map.entry("b", "referred-by"),
      Map.entry("x", "session-expires"),
      Map.entry("a", "accept-contact"),
      Map.entry("j", "reject-contact"),
      Map.entry("d", "request-disposition"));

  /** How reasons name headers: fixed spellings, so that no peer-chosen text reaches a log. */
  private static final Map<String, String> DISPLAY = Map.ofEntries(
      Map.entry(VIA, "Via"),
      Map.entry(FROM, "From"),
      Map.entry(TO, "To"),
      Map.entry(CALL_ID, "Call-ID"),
      Map.entry(CSEQ, "CSeq"),
      Map.entry(MAX_FORWARDS, "Max-Forwards"),
      Map.entry(CONTENT_LENGTH, "Content-Length"),
      Map.entry(CONTENT_TYPE, "Content-Type"),
      Map.entry(CONTACT, "Contact"),
      Map.entry(ROUTE, "Route"),
      Map.entry(RECORD_ROUTE, "Record-Route"),
      Map.entry(EXPIRES, "Expires"),
      Map.entry(MIN_EXPIRES, "Min-Expires"),
      Map.entry(RETRY_AFTER, "Retry-After"),
      Map.entry(DATE, "Date"),
      Map.entry(REPLY_TO, "Reply-To"),
      Map.entry("warning", "Warning"),
      Map.entry("session-expires", "Session-Expires"),
      Map.entry("event", "Event"),
      Map.entry("refer-to", "Refer-To"),
      Map.entry("subject", "Subject"),
      Map.entry("supported", "Supported"),
      Map.entry("require", "Require"),
      Map.entry("allow", "Allow"),
      Map.entry("rseq", "RSeq"),
      Map.entry("rack", "RAck"),
      Map.entry("p-asserted-identity", "P-Asserted-Identity"),
      Map.entry("authorization", "Authorization"),
      Map.entry("proxy-authorization", "Proxy-Authorization"),
      Map.entry("www-authenticate", "WWW-Authenticate"),
      Map.entry("proxy-authenticate", "Proxy-Authenticate"));

  private HeaderNames() {}

  /** Canonical names of the usual spellings, to spare lower-casing the common case. */
  private static final Map<String, String> USUAL = usualSpellings();

  /** The usual spellings grouped by length, to recognise one without making a string first. */
  private static final String[][] USUAL_BY_LENGTH = byLength(USUAL.keySet());

  /**
   * The usual spelling (a constant) that {@code bytes[from, to)} holds exactly, or null: spares
   * the scanner a new string, and its hashing, for nearly every header name.
   */
  static String usualSpelling(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length >= USUAL_BY_LENGTH.length) {
      return null;
    }
    for (String spelling : USUAL_BY_LENGTH[length]) {
      if (matches(bytes, from, spelling)) {
        return spelling;
      }
    }
    return null;
  }

  private static boolean matches(byte[] bytes, int from, String spelling) {
    for (int i = 0; i < spelling.length(); i++) {
      if (bytes[from + i] != spelling.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String[][] byLength(java.util.Set<String> spellings) {
    int longest = spellings.stream().mapToInt(String::length).max().orElse(0);
    String[][] byLength = new String[longest + 1][];
    for (int length = 0; length <= longest; length++) {
      int wanted = length;
      byLength[length] = spellings.stream().filter(s -> s.length() == wanted).sorted()
          .toArray(String[]::new);
    }
    return byLength;
  }

  /** The canonical form of a header name as written on the wire. */
  static String canonical(String wireName) {
    String usual = USUAL.get(wireName);
    if (usual != null) {
      return usual;
    }
    String lower = wireName.toLowerCase(Locale.ROOT);
    if (lower.length() == 1) {
      return COMPACT.getOrDefault(lower, lower);
    }
    return lower;
  }

  private static Map<String, String> usualSpellings() {
    Map<String, String> usual = new HashMap<>();
    for (String name : DISPLAY.values()) {
      usual.put(name, name.toLowerCase(Locale.ROOT));
    }
    for (String name : List.of("Content-Disposition", "Content-Encoding", "Accept",
        "Accept-Encoding", "Accept-Language", "Allow-Events", "Min-SE", "User-Agent", "Server",
        "P-Preferred-Identity", "Privacy", "Diversion", "Reason", "Timestamp", "Organization",
        "Priority", "Referred-By", "Subscription-State", "History-Info", "Path")) {
      usual.put(name, name.toLowerCase(Locale.ROOT));
    }
    usual.putAll(COMPACT);
    return Map.copyOf(usual);
  }

  /** A log-safe name for a header: its usual spelling if well known, else "header". */
  static String display(String canonicalName) {
    return DISPLAY.getOrDefault(canonicalName, "header");
  }
}
