package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import io.callmask.server.CarrierTrace;
import io.callmask.sip.message.HostPort;
import java.util.List;
import java.util.Set;

/**
 * The promise of CONTRACT §6 checked on what SIPp carriers saw: nothing in any message a party's
 * carrier sent or received (headers, SDP, Call-ID, tags, Via, Contact) carries the other
 * party's real number in any usual form, the other leg's Call-ID, tags or branches, or the
 * other carrier's address. Stateless.
 */
final class LegPrivacy {

  private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

  private LegPrivacy() {}

  /**
   * Asserts that {@code seen}, one carrier's messages, shows nothing of the other party, whose
   * real number is {@code otherNumber}, whose carrier at {@code otherCarrier} saw {@code
   * otherLeg}.
   */
  static void assertSeesNothingOf(CarrierTrace seen, String otherNumber, CarrierTrace otherLeg,
      HostPort otherCarrier) {
    Set<String> otherIdentifiers = otherLeg.identifiers();
    // a check against nothing would pass whatever leaked: the other leg must have had a dialog
    assertThat(otherIdentifiers).as("identifiers of the other leg").hasSizeGreaterThan(2);
    String text = seen.text();
    assertThat(text).as("messages of one carrier (must not show %s)", otherNumber)
        .doesNotContain(forms(otherNumber))
        .doesNotContain(otherIdentifiers)
        .doesNotContain(otherCarrier.toString());
  }

  /** Asserts that the carrier that saw {@code seen} got none of a caller's identity headers. */
  static void assertNoCallerIdentityHeaders(CarrierTrace seen) {
    for (CarrierTrace.Message message : seen.messages()) {
      for (String header : List.of("Remote-Party-ID", "Diversion", "History-Info",
          "P-Preferred-Identity")) {
        assertThat(message.headers(header)).as("%s in %s", header, message.startLine()).isEmpty();
      }
    }
  }

  /**
   * The forms a number is written in: its national significant number (contained in the E.164
   * digits, the national form with trunk prefix, and digits-only forms) and the formatted
   * national and international forms, which separate digit groups.
   */
  static List<String> forms(String e164) {
    try {
      Phonenumber.PhoneNumber number = NUMBERS.parse(e164, null);
      return List.of(NUMBERS.getNationalSignificantNumber(number),
          NUMBERS.format(number, PhoneNumberFormat.NATIONAL),
          NUMBERS.format(number, PhoneNumberFormat.INTERNATIONAL));
    } catch (NumberParseException e) {
      throw new IllegalArgumentException("not a number: " + e164, e);
    }
  }
}
