package io.callmask.server.masking;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Locale;

/**
 * A phone number in E.164 form ({@code +} and up to 15 digits), the only spelling used in the
 * API, the CLI and the store (CONTRACT §2, §4).
 *
 * <p>{@link #parse} reads what people write (national forms, spaces, dashes) with Google's
 * libphonenumber; the constructor only accepts a number already in E.164. Phone numbers are
 * personal data, so {@link #toString()} is the masked form {@code +91******1111}; use {@link
 * #e164()} where the real number is meant. Immutable and thread-safe.
 */
public record PhoneNumber(String e164) implements Comparable<PhoneNumber> {

  /** E.164 as accepted here: {@code +}, a digit 1-9, then 5 to 14 more digits. */
  private static final int MIN_LENGTH = 7;
  private static final int MAX_LENGTH = 16;
  private static final int SHOWN_PREFIX = 3;
  private static final int SHOWN_SUFFIX = 4;

  /** Accepts only E.164 text; throws IllegalArgumentException otherwise (without the digits). */
  public PhoneNumber {
    if (e164 == null || !isE164(e164)) {
      throw new IllegalArgumentException("not an E.164 number (expected + and 6 to 15 digits)");
    }
  }

  /**
   * Whether {@code text} is E.164, checked without a regex: every number read from the store or an
   * INVITE is checked here, and a Matcher costs a kilobyte of garbage each time.
   */
  private static boolean isE164(String text) {
    int length = text.length();
    if (length < MIN_LENGTH || length > MAX_LENGTH || text.charAt(0) != '+'
        || text.charAt(1) == '0') {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Shorthand for the constructor. */
  public static PhoneNumber of(String e164) {
    return new PhoneNumber(e164);
  }

  /**
   * Reads a number as a person writes it: international ({@code +91 98450 11111}, {@code 0091...})
   * or national ({@code 098450 11111}) read in {@code defaultCountry} (ISO 3166 alpha-2, e.g.
   * {@code IN}, the {@code numbers.default-country} setting).
   *
   * @throws IllegalArgumentException when the text is no possible phone number
   */
  public static PhoneNumber parse(String text, String defaultCountry) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    try {
      var parsed = util.parse(text, defaultCountry.toUpperCase(Locale.ROOT));
      if (!util.isPossibleNumber(parsed)) {
        throw new IllegalArgumentException("not a possible phone number");
      }
      return new PhoneNumber(util.format(parsed, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      throw new IllegalArgumentException("not a phone number: " + e.getErrorType(), e);
    }
  }

  /** The form for logs: country prefix and last four digits kept, e.g. {@code +91******1111}. */
  public String masked() {
    int hidden = e164.length() - SHOWN_PREFIX - SHOWN_SUFFIX;
    if (hidden <= 0) {
      return e164.substring(0, 1) + "*".repeat(e164.length() - 1);
    }
    return e164.substring(0, SHOWN_PREFIX) + "*".repeat(hidden)
        + e164.substring(e164.length() - SHOWN_SUFFIX);
  }

  @Override
  public int compareTo(PhoneNumber other) {
    return e164.compareTo(other.e164);
  }

  /** The masked form: a number printed by accident must not leak. */
  @Override
  public String toString() {
    return masked();
  }
}
