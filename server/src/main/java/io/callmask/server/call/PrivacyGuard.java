package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import java.util.HashSet;
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

  private final Set<String> numberDigits;
  private final Set<String> identifiers;

  /**
   * @param counterpart the real number the receiving party must never learn
   * @param otherLegIdentifiers the other leg's Call-ID and tags, which must not cross over
   */
  PrivacyGuard(PhoneNumber counterpart, List<String> otherLegIdentifiers) {
    this(NumberForms.of(Objects.requireNonNull(counterpart, "counterpart")), Set.of(),
        otherLegIdentifiers);
  }

  private PrivacyGuard(Set<String> numberDigits, Set<String> known, List<String> added) {
    this.numberDigits = numberDigits;
    this.identifiers = new HashSet<>(known);
    for (String identifier : added) {
      if (identifier != null && !identifier.isBlank()) {
        identifiers.add(identifier);
      }
    }
  }

  /**
   * This guard, also watching for {@code more} identifiers of the other leg (learnt as that leg
   * progresses: a new attempt's Call-ID, the callee's tag). The number forms are shared, not
   * computed again.
   */
  PrivacyGuard withIdentifiers(List<String> more) {
    return new PrivacyGuard(numberDigits, identifiers, more);
  }

  /** The first leak in {@code encoded} (a whole SIP message), or empty when it may be sent. */
  Optional<Leak> check(String encoded) {
    String[] lines = encoded.split("\r\n|\n", -1);
    boolean inBody = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (!inBody && line.isEmpty()) {
        inBody = true;
        continue;
      }
      String where = i == 0 ? "start line" : inBody ? "body" : headerName(line);
      for (String identifier : identifiers) {
        if (line.contains(identifier)) {
          return Optional.of(new Leak("an identifier of the other leg", where));
        }
      }
      String joined = joinDigitGroups(line);
      for (String form : numberDigits) {
        if (containsDigitRun(line, form) || containsDigitRun(joined, form)) {
          return Optional.of(new Leak("the counterpart's number", where));
        }
      }
    }
    return Optional.empty();
  }

  private static String headerName(String line) {
    int colon = line.indexOf(':');
    return colon > 0 ? line.substring(0, colon).trim() : "a folded header line";
  }

  /** Drops separators that stand between two digits: "+91 98450-11111" → "+919845011111". */
  static String joinDigitGroups(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (isSeparator(c) && endsWithDigit(out) && nextIsDigit(line, i + 1)) {
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean containsDigitRun(String text, String digits) {
    for (int from = text.indexOf(digits); from >= 0; from = text.indexOf(digits, from + 1)) {
      boolean startsRun = from == 0 || !Character.isDigit(text.charAt(from - 1));
      int end = from + digits.length();
      boolean endsRun = end == text.length() || !Character.isDigit(text.charAt(end));
      if (startsRun && endsRun) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
  }

  private static boolean endsWithDigit(StringBuilder out) {
    return out.length() > 0 && Character.isDigit(out.charAt(out.length() - 1));
  }

  /** Whether the next non-separator character from {@code i} is a digit. */
  private static boolean nextIsDigit(String line, int i) {
    while (i < line.length() && isSeparator(line.charAt(i))) {
      i++;
    }
    return i < line.length() && Character.isDigit(line.charAt(i));
  }
}
