package io.callmask.sip.codec;

/**
 * A read position in one header value, for the fast header parsers. Reads only a conservative
 * subset of the RFC 3261 §25.1 characters: what it does not know it does not consume, and the
 * parser then gives the header to JAIN SIP. One instance per header; not thread-safe.
 */
final class ValueCursor {

  /** Token characters without {@code %} (no escapes) and without the quote-like {@code `'}. */
  static final CharClass TOKEN = CharClass.of("-._!~*+");
  /** URI user characters: unreserved and {@code +}; no escapes, no {@code ;?/&=$,}. */
  static final CharClass USER = CharClass.of("-._!~*+");
  /** Host names and IPv4 addresses, lower case only (JAIN SIP keeps the case as written). */
  static final CharClass HOST = CharClass.lowerCaseOf("-.");
  /** Inside an IPv6 reference: lower-case hex digits, colons and the dots of an IPv4 tail. */
  static final CharClass IPV6 = CharClass.exactly("0123456789abcdef:.");
  /** Decimal digits. */
  static final CharClass DIGITS = CharClass.exactly("0123456789");
  /** Parameter names: lower-case tokens without escapes, so that no case folding is in question. */
  static final CharClass PARAM_NAME = CharClass.lowerCaseOf("-._!~*+");
  /** URI parameter values: unreserved and {@code +}; no escapes. */
  static final CharClass URI_PARAM = CharClass.of("-._!~*+");

  private final String text;
  private int pos;

  ValueCursor(String text) {
    this.text = text;
  }

  boolean atEnd() {
    return pos == text.length();
  }

  int position() {
    return pos;
  }

  void rewind(int position) {
    pos = position;
  }

  /** The next character, or 0 at the end. */
  char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  /** Consumes {@code c} if it comes next. */
  boolean skip(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes {@code literal} if it comes next, exactly as written. */
  boolean skip(String literal) {
    if (text.startsWith(literal, pos)) {
      pos += literal.length();
      return true;
    }
    return false;
  }

  /** The longest run of {@code chars} from here, consumed; null if empty. */
  String run(CharClass chars) {
    String text = this.text;
    int start = pos;
    int i = start;
    int length = text.length();
    while (i < length && chars.contains(text.charAt(i))) {
      i++;
    }
    pos = i;
    return i > start ? text.substring(start, i) : null;
  }

  /**
   * A run of 1 to {@code maxDigits} decimal digits, consumed, as a number; -1 if there is none or
   * it is longer (then nothing is consumed). At most 9 digits, so that it fits an int.
   */
  int digits(int maxDigits) {
    String text = this.text;
    int length = Math.min(text.length(), pos + maxDigits + 1);
    int i = pos;
    int value = 0;
    while (i < length) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      value = value * 10 + digit;
      i++;
    }
    if (i == pos || i - pos > maxDigits) {
      return -1;
    }
    pos = i;
    return value;
  }

  /**
   * The content of a quoted string of printable ASCII without backslashes (no quoted-pairs) and
   * without spaces at either end (which JAIN SIP trims), consumed with its quotes; null if none
   * comes next or it is anything else.
   */
  String plainQuoted() {
    if (peek() != '"') {
      return null;
    }
    int start = pos + 1;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        if (i > start && (text.charAt(start) == ' ' || text.charAt(i - 1) == ' ')) {
          return null;
        }
        pos = i + 1;
        return text.substring(start, i);
      }
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return null;
      }
    }
    return null;
  }

  /** A set of ASCII characters: letters and digits plus some others, as a 128-bit mask. Immutable. */
  static final class CharClass {

    private long low;
    private long high;

    private CharClass() {}

    static CharClass exactly(String members) {
      CharClass chars = new CharClass();
      for (char c : members.toCharArray()) {
        chars.add(c);
      }
      return chars;
    }

    static CharClass of(String others) {
      CharClass chars = lowerCaseOf(others);
      for (char c = 'A'; c <= 'Z'; c++) {
        chars.add(c);
      }
      return chars;
    }

    static CharClass lowerCaseOf(String others) {
      CharClass chars = exactly(others);
      for (char c = 'a'; c <= 'z'; c++) {
        chars.add(c);
      }
      for (char c = '0'; c <= '9'; c++) {
        chars.add(c);
      }
      return chars;
    }

    boolean contains(char c) {
      // Shifts use the low six bits of c, so each half is tested only in its own range.
      return c < 64 ? (low & (1L << c)) != 0 : c < 128 && (high & (1L << c)) != 0;
    }

    private void add(char c) {
      if (c < 64) {
        low |= 1L << c;
      } else {
        high |= 1L << c;
      }
    }
  }
}
