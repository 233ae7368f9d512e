package io.callmask.sip.codec;

/**
 * Checks of the request line and status line exactly as written (RFC 3261 §7.1, §7.2, §25.1):
 * single spaces between the elements, nothing after the version (RFC 4475 §3.1.2.9–10), an
 * absolute Request-URI without whitespace, angle brackets or URI headers (§3.1.2.7–8, §3.1.2.11),
 * SIP/2.0 only (§3.1.2.16) and a three-digit status code (§3.1.2.19). Stateless, so thread-safe.
 */
final class StartLines {

  /** The reason used for a request whose version is not 2.0; answered with 505. */
  static final String UNSUPPORTED_VERSION = "unsupported SIP version";

  private static final String VERSION = "SIP/2.0";

  private StartLines() {}

  /** The method of a request line (the text before its first space). */
  static String method(String requestLine) {
    int space = requestLine.indexOf(' ');
    return space < 0 ? requestLine : requestLine.substring(0, space);
  }

  /** Why {@code line} is not a valid Request-Line, or null if it is. */
  static String checkRequestLine(String line) {
    int first = line.indexOf(' ');
    int last = line.lastIndexOf(' ');
    if (first <= 0 || last == first) {
      return "bad request line";
    }
    if (!SipSyntax.isToken(line.substring(0, first))) {
      return "bad method";
    }
    String version = line.substring(last + 1);
    if (!version.equalsIgnoreCase(VERSION)) {
      return isVersion(version) ? UNSUPPORTED_VERSION : "bad request line";
    }
    String uri = line.substring(first + 1, last);
    if (uri.isEmpty() || SipSyntax.isWhitespace(uri.charAt(0))
        || SipSyntax.isWhitespace(uri.charAt(uri.length() - 1))) {
      return "bad request line";
    }
    if (!SipSyntax.isUri(uri) || SipSyntax.hasUriHeaders(uri)) {
      return "bad Request-URI";
    }
    return null;
  }

  /**
   * Why {@code line} is not a valid Status-Line, or null if it is. An empty reason phrase is valid
   * (RFC 4475 §3.1.1.13), with or without the space before it.
   */
  static String checkStatusLine(String line) {
    int space = line.indexOf(' ');
    if (space < 0) {
      return "bad status line";
    }
    String version = line.substring(0, space);
    if (!version.equalsIgnoreCase(VERSION)) {
      return isVersion(version) ? UNSUPPORTED_VERSION : "bad status line";
    }
    int codeEnd = space + 4;
    boolean codeEnds = line.length() == codeEnd || (line.length() > codeEnd && line.charAt(codeEnd) == ' ');
    if (!codeEnds || SipSyntax.parseDigits(line, space + 1, codeEnd, 699) < 100) {
      return "bad status code";
    }
    return null;
  }

  /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT. */
  private static boolean isVersion(String text) {
    if (!text.regionMatches(true, 0, "SIP/", 0, 4)) {
      return false;
    }
    int dot = text.indexOf('.', 4);
    return dot > 4 && SipSyntax.parseDigits(text, 4, dot, Integer.MAX_VALUE) >= 0
        && SipSyntax.parseDigits(text, dot + 1, text.length(), Integer.MAX_VALUE) >= 0;
  }
}
