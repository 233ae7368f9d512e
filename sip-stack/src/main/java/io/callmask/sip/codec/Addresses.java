package io.callmask.sip.codec;

/**
 * Checks of address header values (RFC 3261 §20.10, §25.1): {@code name-addr} or {@code
 * addr-spec}, then {@code ;}-parameters. Catches what JAIN SIP lets through: a display name of
 * anything but tokens unless quoted (RFC 4475 §3.1.2.15), an unterminated quoted string
 * (§3.1.2.6), an addr-spec outside angle brackets carrying URI headers (§3.1.2.13), whitespace
 * inside a URI (§3.1.2.14), empty parameters and list elements (§3.1.2.1) and a Contact {@code
 * expires} beyond 2**32-1 (§3.1.2.4). Stateless, so thread-safe.
 */
final class Addresses {

  /** Where the value comes from, which decides what it may hold. */
  enum Form {
    /** From, To, Reply-To: exactly one address. */
    SINGLE,
    /** Contact: a comma list of addresses. */
    CONTACT_LIST,
    /** Route, Record-Route: a comma list of name-addrs (angle brackets required). */
    ROUTE_LIST
  }

  private Addresses() {}

  static boolean isValid(String value, Form form) {
    if (form == Form.SINGLE) {
      return isAddress(value, 0, value.length(), form);
    }
    int start = 0;
    boolean inAngle = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        int close = SipSyntax.skipQuoted(value, i);
        if (close < 0) {
          return false;
        }
        i = close - 1;
      } else if (c == '<') {
        inAngle = true;
      } else if (c == '>') {
        inAngle = false;
      } else if (c == ',' && !inAngle) {
        if (!isAddress(value, start, i, form)) {
          return false;
        }
        start = i + 1;
      }
    }
    return isAddress(value, start, value.length(), form);
  }

  private static boolean isAddress(String v, int from, int to, Form form) {
    int i = skipWhitespace(v, from, to);
    if (i == to) {
      return false;
    }
    int open;
    if (v.charAt(i) == '"') {
      int close = SipSyntax.skipQuoted(v, i);
      if (close < 0 || close > to) {
        return false;
      }
      open = skipWhitespace(v, close, to);
      if (open == to || v.charAt(open) != '<') {
        return false;
      }
    } else {
      open = i;
      while (open < to && (SipSyntax.isTokenChar(v.charAt(open))
          || SipSyntax.isWhitespace(v.charAt(open)))) {
        open++;
      }
      if (open == to || v.charAt(open) != '<') {
        return form != Form.ROUTE_LIST && isAddrSpec(v, i, to, form);
      }
    }
    int close = v.indexOf('>', open);
    if (close < 0 || close >= to) {
      return false;
    }
    return SipSyntax.isUri(v.substring(open + 1, close)) && areParams(v, close + 1, to, form);
  }

  /** An addr-spec without angle brackets ends at the first semicolon (§20.10). */
  private static boolean isAddrSpec(String v, int from, int to, Form form) {
    int semi = v.indexOf(';', from);
    if (semi < 0 || semi > to) {
      semi = to;
    }
    String uri = v.substring(from, semi).trim();
    return SipSyntax.isUri(uri) && !SipSyntax.hasUriHeaders(uri) && areParams(v, semi, to, form);
  }

  /** *( SEMI generic-param ), generic-param = token [ EQUAL gen-value ]. */
  private static boolean areParams(String v, int from, int to, Form form) {
    int i = skipWhitespace(v, from, to);
    while (i < to) {
      if (v.charAt(i) != ';') {
        return false;
      }
      i = skipWhitespace(v, i + 1, to);
      int nameStart = i;
      while (i < to && SipSyntax.isTokenChar(v.charAt(i))) {
        i++;
      }
      if (i == nameStart) {
        return false;
      }
      int nameEnd = i;
      i = skipWhitespace(v, i, to);
      if (i < to && v.charAt(i) == '=') {
        i = skipWhitespace(v, i + 1, to);
        int valueStart = i;
        if (i < to && v.charAt(i) == '"') {
          i = SipSyntax.skipQuoted(v, i);
          if (i < 0 || i > to) {
            return false;
          }
        } else {
          while (i < to && isGenValueChar(v.charAt(i))) {
            i++;
          }
          if (i == valueStart || !isValidParam(v, nameStart, nameEnd, valueStart, i, form)) {
            return false;
          }
        }
        i = skipWhitespace(v, i, to);
      }
    }
    return true;
  }

  private static boolean isValidParam(String v, int nameStart, int nameEnd, int valueStart,
      int valueEnd, Form form) {
    boolean expires = form == Form.CONTACT_LIST && nameEnd - nameStart == 7
        && v.regionMatches(true, nameStart, "expires", 0, 7);
    return !expires
        || SipSyntax.parseDigits(v, valueStart, valueEnd, SipSyntax.MAX_DELTA_SECONDS) >= 0;
  }

  /** token or host (which adds the colons and brackets of IPv6 references). */
  private static boolean isGenValueChar(char c) {
    return SipSyntax.isTokenChar(c) || c == ':' || c == '[' || c == ']';
  }

  private static int skipWhitespace(String v, int from, int to) {
    int i = from;
    while (i < to && SipSyntax.isWhitespace(v.charAt(i))) {
      i++;
    }
    return i;
  }
}
