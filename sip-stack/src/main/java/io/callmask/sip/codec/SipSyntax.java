package io.callmask.sip.codec;

/**
 * Character classes and small scanners of the RFC 3261 §25.1 grammar, shared by framing and
 * validation. Stateless, so thread-safe.
 */
final class SipSyntax {

  /** Largest delta-seconds value (RFC 3261 §20.19, RFC 4475 §3.1.2.4): 2**32 - 1. */
  static final long MAX_DELTA_SECONDS = 0xFFFF_FFFFL;

  private static final boolean[] TOKEN = new boolean[128];
  private static final boolean[] URIC = new boolean[128];
  private static final boolean[] SCHEME = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[Character.toUpperCase(c)] = true;
    }
    for (char c : "-.!%*_+`'~".toCharArray()) {
      TOKEN[c] = true;
    }
    for (int c = 0; c < 128; c++) {
      URIC[c] = Character.isLetterOrDigit(c);
      SCHEME[c] = URIC[c] || c == '+' || c == '-' || c == '.';
    }
    // unreserved marks, reserved, escape introducer, and IPv6 reference brackets
    for (char c : "-_.!~*'();/?:@&=+$,%[]".toCharArray()) {
      URIC[c] = true;
    }
  }

  private SipSyntax() {}

  static boolean isTokenChar(char c) {
    return c < 128 && TOKEN[c];
  }

  static boolean isToken(CharSequence text) {
    if (text.length() == 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!isTokenChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isToken(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0 || !TOKEN[bytes[i]]) {
        return false;
      }
    }
    return to > from;
  }

  /**
   * True if {@code uri} is an absolute URI made only of RFC 3261 URI characters, with every
   * {@code %} starting an escape: no whitespace, angle brackets, quotes or controls (RFC 4475
   * §3.1.2.7–8).
   */
  static boolean isUri(String uri) {
    int colon = uri.indexOf(':');
    char first = colon > 0 ? uri.charAt(0) : '0';
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = uri.charAt(i);
      if (c >= 128 || !SCHEME[c]) {
        return false;
      }
    }
    for (int i = colon + 1; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c >= 128 || !URIC[c]) {
        return false;
      }
      if (c == '%' && !(i + 2 < uri.length() && isHex(uri.charAt(i + 1)) && isHex(uri.charAt(i + 2)))) {
        return false;
      }
    }
    return colon < uri.length() - 1;
  }

  /**
   * True if a SIP or SIPS URI carries headers ({@code ?...} after the host), which a
   * Request-URI must not (RFC 3261 §19.1.1, RFC 4475 §3.1.2.11) and an addr-spec outside angle
   * brackets cannot (§20.10, RFC 4475 §3.1.2.13). A {@code ?} in the user part is legal.
   */
  static boolean hasUriHeaders(String uri) {
    if (!(uri.regionMatches(true, 0, "sip:", 0, 4) || uri.regionMatches(true, 0, "sips:", 0, 5))) {
      return false;
    }
    int at = uri.lastIndexOf('@');
    return uri.indexOf('?', Math.max(at, 0)) >= 0;
  }

  /**
   * Parses {@code 1*DIGIT} (leading zeros allowed) as a value no larger than {@code max}; returns
   * -1 if the text is empty, holds anything but digits, or exceeds {@code max}.
   */
  static long parseDigits(CharSequence text, long max) {
    return parseDigits(text, 0, text.length(), max);
  }

  static long parseDigits(CharSequence text, int from, int to, long max) {
    if (to <= from) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
      if (value > max) {
        return -1;
      }
    }
    return value;
  }

  /**
   * The index just after the quoted string that opens at {@code open} (a {@code "}), honouring
   * quoted-pairs, or -1 if it is unterminated (RFC 4475 §3.1.2.6).
   */
  static int skipQuoted(CharSequence text, int open) {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
