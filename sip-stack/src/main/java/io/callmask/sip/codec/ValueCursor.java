package io.callmask.sip.codec;

import java.nio.charset.StandardCharsets;

/**
 * A read position in one header value, for the fast header parsers. Reads only a conservative
 * subset of the RFC 3261 §25.1 characters: what it does not know it does not consume, and the
 * parser then gives the header to JAIN SIP. Reads the header's bytes as they came (UTF-8), not a
 * decoded String, sparing a String's per-character checks. One instance per header; not
 * thread-safe.
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

  private final byte[] bytes;
  private final int end;
  private int pos;

  /** A cursor over {@code text}, read as its UTF-8 bytes. */
  ValueCursor(String text) {
    this(text.getBytes(StandardCharsets.UTF_8));
  }

  private ValueCursor(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  /**
   * A cursor over the UTF-8 text {@code bytes[from, to)}. Every byte of a multi-byte character is
   * negative, outside every class and literal here, so only ASCII is ever consumed.
   */
  ValueCursor(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.pos = from;
    this.end = to;
  }

  boolean atEnd() {
    return pos == end;
  }

  int position() {
    return pos;
  }

  void rewind(int position) {
    pos = position;
  }

  /**
   * The next character (a byte of a multi-byte character as itself, 0x80 to 0xff), or 0 at the
   * end.
   */
  char peek() {
    return pos < end ? (char) (bytes[pos] & 0xff) : 0;
  }

  /** Consumes {@code c}, an ASCII character, if it comes next. */
  boolean skip(char c) {
    if (pos < end && bytes[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes {@code literal}, ASCII, if it comes next, exactly as written. */
  boolean skip(String literal) {
    int length = literal.length();
    if (end - pos < length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[pos + i] != literal.charAt(i)) {
        return false;
      }
    }
    pos += length;
    return true;
  }

  /** The longest run of {@code chars} from here, consumed; null if empty. */
  String run(CharClass chars) {
    byte[] bytes = this.bytes;
    int start = pos;
    int i = start;
    int end = this.end;
    while (i < end && chars.contains(bytes[i])) {
      i++;
    }
    pos = i;
    // ASCII only (classes hold nothing else), for which ISO-8859-1 is the cheapest exact decoder.
    return i > start ? new String(bytes, start, i - start, StandardCharsets.ISO_8859_1) : null;
  }

  /**
   * A run of 1 to {@code maxDigits} decimal digits, consumed, as a number; -1 if there is none or
   * it is longer (then nothing is consumed). At most 9 digits, so that it fits an int.
   */
  int digits(int maxDigits) {
    byte[] bytes = this.bytes;
    int limit = Math.min(end, pos + maxDigits + 1);
    int i = pos;
    int value = 0;
    while (i < limit) {
      int digit = bytes[i] - '0';
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
    for (int i = start; i < end; i++) {
      byte c = bytes[i];
      if (c == '"') {
        if (i > start && (bytes[start] == ' ' || bytes[i - 1] == ' ')) {
          return null;
        }
        pos = i + 1;
        return new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
      }
      // Negative: part of a multi-byte character.
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return null;
      }
    }
    return null;
  }

  /**
   * A set of ASCII characters: letters and digits plus some others, as a table indexed by the
   * unsigned byte (one load, no branch). Immutable once built.
   */
  static final class CharClass {

    private final boolean[] members = new boolean[256];

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

    /** Whether the ASCII character {@code c} is a member; false for negative bytes. */
    boolean contains(byte c) {
      return members[c & 0xff];
    }

    private void add(char c) {
      members[c] = true;
    }
  }
}
