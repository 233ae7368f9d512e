package io.callmask.server.call;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import io.callmask.server.masking.PhoneNumber;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The digit strings a real number may be written as in a SIP message: E.164 without its {@code +}
 * (which also covers {@code +…}, {@code 00…} and {@code %2B…}), the national significant number,
 * and the national form with its trunk prefix (e.g. {@code 0} in India).
 */
final class NumberForms {

  private NumberForms() {}

  static Set<String> of(PhoneNumber number) {
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
