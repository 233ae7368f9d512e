package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The last check before a message leaves toward a party: it must carry neither the counterpart's
 * real number in any usual form nor an identifier of the other leg (Call-ID, tags). Checks the
 * encoded text, so that no header, parameter or body a rewrite forgot can slip through.
 *
 * <p>Numbers are matched as whole digit runs, both as written and with separators ({@code space - .
 * ( )}) between digits removed, so {@code +91 98450-11111} is caught, so is the number next to
 * another one ({@code o=919845011111 2890844526}), and a longer unrelated number that merely
 * contains the digits is not. Immutable and thread-safe.
 */
final class PrivacyGuard {

  /** What leaked and where, without the leaked value (this text goes to logs). */
  record Leak(String what, String where) {}

  private final Forms number;
  /** The other leg's Call-ID and tags: a handful, so an array scanned in order. */
  private final String[] identifiers;

  /**
   * The digit runs the counterpart's number may be written as, and the length of the shortest
   * (at least 1: a span of digits is never empty). Worked out once per call: the guards learning
   * more identifiers share them.
   */
  private record Forms(String[] digits, int shortest) {

    static Forms of(Set<String> forms) {
      String[] digits = forms.toArray(new String[0]);
      int shortest = Integer.MAX_VALUE;
      for (String form : digits) {
        shortest = Math.min(shortest, form.length());
      }
      return new Forms(digits, Math.max(1, shortest));
    }
  }

  /**
   * @param counterpart the real number the receiving party must never learn
   * @param otherLegIdentifiers the other leg's Call-ID and tags, which must not cross over
   */
  PrivacyGuard(PhoneNumber counterpart, List<String> otherLegIdentifiers) {
    this(Forms.of(NumberForms.of(Objects.requireNonNull(counterpart, "counterpart"))),
        new String[0], otherLegIdentifiers);
  }

  private PrivacyGuard(Forms number, String[] known, List<String> added) {
    this.number = number;
    List<String> all = new ArrayList<>(known.length + added.size());
    all.addAll(Arrays.asList(known));
    for (String identifier : added) {
      if (identifier != null && !identifier.isBlank() && !all.contains(identifier)) {
        all.add(identifier);
      }
    }
    this.identifiers = all.toArray(new String[0]);
  }

  /**
   * This guard, also watching for {@code more} identifiers of the other leg (learnt as that leg
   * progresses: a new attempt's Call-ID, the callee's tag). The number forms are shared, not
   * computed again.
   */
  PrivacyGuard withIdentifiers(List<String> more) {
    return new PrivacyGuard(number, identifiers, more);
  }

  /** The first leak in {@code encoded} (a whole SIP message), or empty when it may be sent. */
  Optional<Leak> check(String encoded) {
    for (String identifier : identifiers) {
      int at = findToken(encoded, identifier);
      if (at >= 0) {
        return Optional.of(new Leak("an identifier of the other leg", where(encoded, at)));
      }
    }
    int at = findNumber(encoded);
    return at < 0 ? Optional.empty()
        : Optional.of(new Leak("the counterpart's number", where(encoded, at)));
  }

  /**
   * Where {@code identifier} occurs in {@code text} as a whole token (no RFC 3261 §25.1 {@code
   * token} character continues it on either side), or -1. A tag or
   * Call-ID that a broken rewrite copies across arrives whole; matching inside longer tokens
   * would hold back good messages whenever one leg's identifier happens to contain the other's
   * (carriers with short or counter-based tags: {@code 42SIPpTag2} in {@code 42SIPpTag23}).
   */
  private static int findToken(String text, String identifier) {
    int at = text.indexOf(identifier);
    while (at >= 0) {
      int end = at + identifier.length();
      boolean startsToken = at == 0 || !isTokenChar(text.charAt(at - 1));
      boolean endsToken = end == text.length() || !isTokenChar(text.charAt(end));
      if (startsToken && endsToken) {
        return at;
      }
      at = text.indexOf(identifier, at + 1);
    }
    return -1;
  }

  /** A character of an RFC 3261 {@code token}: what a tag is made of. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c)
        || "-.!%*_+`'~".indexOf(c) >= 0;
  }

  /**
   * Where in the message a leak begins: the first run of digits (and the separators between them)
   * that is, or has a piece between separators that is, one of the number's forms. Only the spans
   * {@link NumberSpans} finds long enough can be. Returns the index, or -1.
   */
  private int findNumber(String text) {
    if (number.digits().length == 0) {
      return -1;
    }
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    long span = NumberSpans.next(bytes, 0, number.shortest());
    while (span >= 0) {
      int at = leakIn(bytes, NumberSpans.start(span), NumberSpans.end(span));
      if (at >= 0) {
        return at;
      }
      span = NumberSpans.next(bytes, NumberSpans.end(span), number.shortest());
    }
    return -1;
  }

  /**
   * Where a form is in the span {@code bytes[from, to)} of digits and separators: a piece between
   * separators that is a form, else the run from its first digit to its last, joined. Or -1.
   */
  private int leakIn(byte[] bytes, int from, int to) {
    int digits = 0;
    int first = -1;
    int piece = from;
    for (int i = from; i <= to; i++) {
      if (i < to && !NumberSpans.isSeparator(bytes[i])) {
        digits++;
        first = first < 0 ? i : first;
        continue;
      }
      if (isForm(bytes, piece, i, i - piece)) {
        return piece;
      }
      piece = i + 1;
    }
    return isForm(bytes, from, to, digits) ? first : -1;
  }

  /**
   * Whether the {@code digits} digits of {@code bytes[from, to)}, separators left out, are one of
   * the number's forms.
   */
  private boolean isForm(byte[] bytes, int from, int to, int digits) {
    if (digits < number.shortest()) {
      return false;
    }
    for (String form : number.digits()) {
      if (form.length() == digits && matches(form, bytes, from, to)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the digits of {@code bytes[from, to)}, separators left out, spell {@code form}. */
  private static boolean matches(String form, byte[] bytes, int from, int to) {
    int next = 0;
    for (int i = from; i < to; i++) {
      if (!NumberSpans.isSeparator(bytes[i]) && form.charAt(next++) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  /** The part of the message {@code at} falls in: start line, a header's name, or body. */
  private static String where(String text, int at) {
    int lineStart = text.lastIndexOf('\n', at) + 1;
    if (lineStart == 0) {
      return "start line";
    }
    int blank = blankLine(text);
    if (blank >= 0 && at > blank) {
      return "body";
    }
    int colon = text.indexOf(':', lineStart);
    int lineEnd = text.indexOf('\n', lineStart);
    boolean named = colon > lineStart && (lineEnd < 0 || colon < lineEnd);
    return named ? text.substring(lineStart, colon).trim() : "a folded header line";
  }

  /** The index of the empty line that ends the headers, or -1. */
  private static int blankLine(String text) {
    int crlf = text.indexOf("\r\n\r\n");
    int lf = text.indexOf("\n\n");
    if (crlf < 0) {
      return lf;
    }
    return lf < 0 ? crlf + 2 : Math.min(crlf + 2, lf);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

}
