package io.callmask.sip.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The start line and header fields of one message as written on the wire (RFC 3261 §7.3), read
 * before JAIN SIP sees them. The parser normalises away what validation needs (duplicated
 * single-valued headers, the exact spacing of the request line), so framing and {@link
 * SipValidator} work on this raw view. Folded lines are unfolded; names are canonical (long form,
 * lower case). Immutable, so thread-safe.
 */
final class HeaderBlock {

  /** {@link #contentLength()} when no Content-Length header is present. */
  static final int ABSENT = -1;

  /** {@link #contentLength()} when the header is malformed, repeated or out of range. */
  static final int INVALID = -2;

  /**
   * One header field: its canonical name (lower case, long form), its name as written (for
   * unknown headers, whose spelling is kept) and its value, unfolded and trimmed. Equal when these
   * three are. The value of an unfolded field is decoded from the message bytes on first use only:
   * the fast path reads the bytes, and validation skips what it read. Immutable in effect (the
   * decoded value is a String, safe to publish by a race).
   */
  static final class Field {

    private final String name;
    private final String wireName;
    /** The value, or null until decoded from {@link #bytes}. */
    private String value;
    /** The message bytes the value lies in, or null if it was folded. */
    private final byte[] bytes;
    private final int from;
    private final int to;

    Field(String name, String wireName, String value) {
      this(name, wireName, value, null, 0, 0);
    }

    private Field(String name, String wireName, String value, byte[] bytes, int from, int to) {
      this.name = name;
      this.wireName = wireName;
      this.value = value;
      this.bytes = bytes;
      this.from = from;
      this.to = to;
    }

    /** A field whose value is the UTF-8 text {@code bytes[from, to)}, not folded. */
    static Field ofBytes(String name, String wireName, byte[] bytes, int from, int to) {
      return new Field(name, wireName, null, bytes, from, to);
    }

    String name() {
      return name;
    }

    String wireName() {
      return wireName;
    }

    String value() {
      String decoded = value;
      if (decoded == null) {
        decoded = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        value = decoded;
      }
      return decoded;
    }

    /** A cursor at the start of the value, for the fast path, over its bytes where known. */
    ValueCursor cursor() {
      return bytes != null ? new ValueCursor(bytes, from, to) : new ValueCursor(value);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Field field && name.equals(field.name)
          && wireName.equals(field.wireName) && value().equals(field.value());
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, wireName, value());
    }

    @Override
    public String toString() {
      return wireName + ": " + value();
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final String startLine;
  private final List<Field> fields;
  private final String problem;
  private final int contentLength;

  private HeaderBlock(String startLine, List<Field> fields, String problem, int contentLength) {
    this.startLine = startLine;
    this.fields = fields;
    this.problem = problem;
    this.contentLength = contentLength;
  }

  /**
   * Scans {@code bytes[start, end)}, the start line and headers up to and including the empty line
   * that ends them. Lines may end in CRLF or, leniently, LF alone.
   */
  static HeaderBlock scan(byte[] bytes, int start, int end, CodecLimits limits) {
    int lineEnd = lineEnd(bytes, start, end);
    if (lineEnd < 0) {
      return broken("control character in start line");
    }
    String startLine = new String(bytes, start, trimCr(bytes, start, lineEnd) - start,
        StandardCharsets.UTF_8);
    List<Field> fields = new ArrayList<>(24);
    String name = null;
    String wireName = null;
    String value = null;
    // Where value lies in bytes; valueFrom is -1 once a fold has joined lines.
    int valueFrom = -1;
    int valueTo = -1;
    int pos = lineEnd + 1;
    while (pos < end) {
      lineEnd = lineEnd(bytes, pos, end);
      if (lineEnd < 0) {
        return broken("control character in header");
      }
      int contentEnd = trimCr(bytes, pos, lineEnd);
      if (contentEnd == pos) {
        break;
      }
      if (bytes[pos] == ' ' || bytes[pos] == '\t') {
        if (name == null) {
          return broken("folded line before first header");
        }
        // RFC 3261 §7.3.1: a fold (line end and the whitespace around it) is a single space.
        String continuation = decodeTrimmed(bytes, pos, contentEnd);
        if (valueFrom >= 0) {
          value = new String(bytes, valueFrom, valueTo - valueFrom, StandardCharsets.UTF_8);
          valueFrom = -1;
        }
        value = value.isEmpty() ? continuation : value + ' ' + continuation;
      } else {
        if (name != null) {
          fields.add(field(name, wireName, value, bytes, valueFrom, valueTo));
        }
        int colon = indexOf(bytes, pos, contentEnd, (byte) ':');
        int nameEnd = colon;
        while (nameEnd > pos && (bytes[nameEnd - 1] == ' ' || bytes[nameEnd - 1] == '\t')) {
          nameEnd--;
        }
        if (colon < 0 || nameEnd == pos || !SipSyntax.isToken(bytes, pos, nameEnd)) {
          return broken("bad header line");
        }
        wireName = HeaderNames.usualSpelling(bytes, pos, nameEnd);
        if (wireName == null) {
          wireName = new String(bytes, pos, nameEnd - pos, StandardCharsets.US_ASCII);
        }
        name = HeaderNames.canonical(wireName);
        valueFrom = skipWhitespace(bytes, colon + 1, contentEnd);
        valueTo = trimWhitespace(bytes, valueFrom, contentEnd);
        value = null;
      }
      if (fields.size() >= limits.maxHeaders()) {
        return broken("too many headers");
      }
      pos = lineEnd + 1;
    }
    if (name != null) {
      fields.add(field(name, wireName, value, bytes, valueFrom, valueTo));
    }
    return new HeaderBlock(startLine, Collections.unmodifiableList(fields), null,
        contentLength(fields));
  }

  /** The request or status line, without its line end. */
  String startLine() {
    return startLine;
  }

  boolean isResponse() {
    return startLine.regionMatches(true, 0, "SIP/", 0, 4);
  }

  List<Field> fields() {
    return fields;
  }

  /** The value of the first field named {@code canonicalName}, if any. */
  Optional<String> first(String canonicalName) {
    for (Field field : fields) {
      if (field.name().equals(canonicalName)) {
        return Optional.of(field.value());
      }
    }
    return Optional.empty();
  }

  /** What makes the block unreadable (then nothing else is known), if anything. */
  Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** The body length the headers declare, or {@link #ABSENT} or {@link #INVALID}. */
  int contentLength() {
    return contentLength;
  }

  private static HeaderBlock broken(String problem) {
    return new HeaderBlock("", List.of(), problem, INVALID);
  }

  /**
   * RFC 3261 §20.14 and RFC 4475 §3.1.2.2–3: one decimal value, no sign. A repeated header is
   * invalid even when the values agree, since an intermediary may have framed by either.
   */
  private static int contentLength(List<Field> fields) {
    int result = ABSENT;
    for (Field field : fields) {
      if (!field.name().equals(HeaderNames.CONTENT_LENGTH)) {
        continue;
      }
      if (result != ABSENT) {
        return INVALID;
      }
      long parsed = SipSyntax.parseDigits(field.value(), Integer.MAX_VALUE);
      if (parsed < 0) {
        return INVALID;
      }
      result = (int) parsed;
    }
    return result;
  }

  /**
   * The index of the LF ending the line that starts at {@code from} (or {@code end} if none), or -1
   * if the line holds a control character. Control characters are allowed only as the second half
   * of a quoted-pair (RFC 3261 §25.1), as in RFC 4475 §3.1.1.2.
   */
  private static int lineEnd(byte[] bytes, int from, int end) {
    int i = from;
    while (i + Long.BYTES <= end && isPrintable((long) LONGS.get(bytes, i))) {
      i += Long.BYTES;
    }
    for (; i < end; i++) {
      byte b = bytes[i];
      // Printable ASCII, and every byte of a multi-byte UTF-8 sequence (negative as a Java byte).
      if ((b >= 0x20 && b != 0x7f) || b < 0) {
        continue;
      }
      if (b == '\n') {
        return i;
      }
      boolean lineEndingCr = b == '\r' && i + 1 < end && bytes[i + 1] == '\n';
      boolean quoted = i > from && bytes[i - 1] == '\\';
      if (b != '\t' && !lineEndingCr && !quoted) {
        return -1;
      }
    }
    return end;
  }

  /**
   * True if none of the eight bytes in {@code word} is a control character (below 0x20, or DEL):
   * the exact "has a byte less than n" and "has a zero byte" tests of bit-twiddling lore, to skip
   * eight bytes of a header line at a time.
   */
  private static boolean isPrintable(long word) {
    long belowSpace = (word - 0x2020_2020_2020_2020L) & ~word & 0x8080_8080_8080_8080L;
    long delFlipped = word ^ 0x7f7f_7f7f_7f7f_7f7fL;
    long del = (delFlipped - 0x0101_0101_0101_0101L) & ~delFlipped & 0x8080_8080_8080_8080L;
    return (belowSpace | del) == 0;
  }

  private static int trimCr(byte[] bytes, int from, int lineEnd) {
    return lineEnd > from && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
  }

  private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static Field field(String name, String wireName, String value, byte[] bytes,
      int valueFrom, int valueTo) {
    return valueFrom < 0 ? new Field(name, wireName, value)
        : Field.ofBytes(name, wireName, bytes, valueFrom, valueTo);
  }

  /** The text of {@code bytes[from, to)} without surrounding spaces and tabs. */
  private static String decodeTrimmed(byte[] bytes, int from, int to) {
    int start = skipWhitespace(bytes, from, to);
    int stop = trimWhitespace(bytes, start, to);
    return new String(bytes, start, stop - start, StandardCharsets.UTF_8);
  }

  /** The first index in {@code [from, to)} that is not a space or tab, or {@code to}. */
  private static int skipWhitespace(byte[] bytes, int from, int to) {
    int start = from;
    while (start < to && (bytes[start] == ' ' || bytes[start] == '\t')) {
      start++;
    }
    return start;
  }

  /** The end of {@code [from, to)} without its trailing spaces and tabs. */
  private static int trimWhitespace(byte[] bytes, int from, int to) {
    int stop = to;
    while (stop > from && (bytes[stop - 1] == ' ' || bytes[stop - 1] == '\t')) {
      stop--;
    }
    return stop;
  }
}
