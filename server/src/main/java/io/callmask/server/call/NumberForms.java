package io.callmask.server.call;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import io.callmask.server.masking.PhoneNumber;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The digit strings a real number may be written as in a SIP message: E.164 without its {@code +}
 * (which also covers {@code +…}, {@code 00…} and {@code %2B…}), the national significant number,
 * and the national form with its trunk prefix (e.g. {@code 0} in India).
 *
 * <p>Working them out takes libphonenumber some 10 µs, twice per call, and the same parties call
 * again and again: results are kept in a bounded cache (emptied when full). Thread-safe.
 */
final class NumberForms {

  private static final int CACHE_LIMIT = 100_000;
  private static final Map<PhoneNumber, Set<String>> CACHE = new ConcurrentHashMap<>();

  private NumberForms() {}

  static Set<String> of(PhoneNumber number) {
    Set<String> known = CACHE.get(number);
    if (known != null) {
      return known;
    }
    Set<String> forms = Collections.unmodifiableSet(compute(number));
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.put(number, forms);
    return forms;
  }

  private static Set<String> compute(PhoneNumber number) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(number.e164().substring(1));
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    try {
      var parsed = util.parse(number.e164(), "ZZ");
      forms.add(util.getNationalSignificantNumber(parsed));
      forms.add(util.format(parsed, PhoneNumberFormat.NATIONAL).replaceAll("[^0-9]", ""));
    } catch (NumberParseException e) {
      throw new IllegalArgumentException("an E.164 number always parses", e);
    }
    return forms;
  }
}
