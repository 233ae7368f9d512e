package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
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
   * The digit runs the counterpart's number may be written as, with their shortest and longest
   * length. Worked out once per call: the guards learning more identifiers share them.
   */
  private record Forms(String[] digits, int shortest, int longest) {

    static Forms of(Set<String> forms) {
      String[] digits = forms.toArray(new String[0]);
      int shortest = Integer.MAX_VALUE;
      int longest = 0;
      for (String form : digits) {
        shortest = Math.min(shortest, form.length());
        longest = Math.max(longest, form.length());
      }
      return new Forms(digits, digits.length == 0 ? 0 : shortest, longest);
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
   * Where in the message a leak begins: one pass over the text, each digit run compared as it is
   * written and as joined across separators. Returns the run's index, or -1.
   */
  private int findNumber(String text) {
    char[] joined = new char[number.longest() + 1];
    int length = text.length();
    int i = 0;
    while (i < length) {
      if (!isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      int rawStart = i;
      int digits = 0;
      while (i < length) {
        char c = text.charAt(i);
        if (isDigit(c)) {
          if (digits < joined.length) {
            joined[digits] = c;
          }
          digits++;
          i++;
        } else if (isSeparator(c) && nextIsDigit(text, i + 1)) {
          if (isForm(text, rawStart, i)) {
            return rawStart;
          }
          while (isSeparator(text.charAt(i))) {
            i++;
          }
          rawStart = i;
        } else {
          break;
        }
      }
      if (isForm(text, rawStart, i)) {
        return rawStart;
      }
      if (digits <= number.longest() && isForm(joined, digits)) {
        return start;
      }
    }
    return -1;
  }

  /** Whether the whole digit run {@code text[from, to)} is one of the number's forms. */
  private boolean isForm(String text, int from, int to) {
    if (to - from < number.shortest() || to - from > number.longest()) {
      return false;
    }
    for (String form : number.digits()) {
      if (form.length() == to - from && text.regionMatches(from, form, 0, to - from)) {
        return true;
      }
    }
    return false;
  }

  private boolean isForm(char[] digits, int count) {
    if (count < number.shortest()) {
      return false;
    }
    for (String form : number.digits()) {
      if (form.length() == count && matches(form, digits)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String form, char[] digits) {
    for (int i = 0; i < form.length(); i++) {
      if (form.charAt(i) != digits[i]) {
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

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
  }

  /** Whether the next non-separator character from {@code i} is a digit. */
  private static boolean nextIsDigit(String line, int i) {
    while (i < line.length() && isSeparator(line.charAt(i))) {
      i++;
    }
    return i < line.length() && isDigit(line.charAt(i));
  }
}
