package io.callmask.server.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumberTest {

  @Test
  void readsNationalFormInTheDefaultCountry() {
    assertThat(PhoneNumber.parse("098450 11111", "IN")).isEqualTo(PhoneNumber.of("+919845011111"));
    assertThat(PhoneNumber.parse("(415) 555-2671", "us")).isEqualTo(PhoneNumber.of("+14155552671"));
  }

  @Test
  void keepsInternationalFormWhateverTheDefaultCountry() {
    assertThat(PhoneNumber.parse("+44 20 7946 0958", "IN")).isEqualTo(PhoneNumber.of("+442079460958"));
    assertThat(PhoneNumber.parse("+91-98450-11111", "US")).isEqualTo(PhoneNumber.of("+919845011111"));
  }

  @Test
  void rejectsTextThatIsNoPhoneNumber() {
    assertThatThrownBy(() -> PhoneNumber.parse("not a number", "IN"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PhoneNumber.parse("12", "IN"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructorAcceptsOnlyE164() {
    assertThatThrownBy(() -> PhoneNumber.of("919845011111")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PhoneNumber.of("+0123456789")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PhoneNumber.of("+91 98450 11111")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PhoneNumber.of("+919845011111").e164()).isEqualTo("+919845011111");
  }

  @Test
  void constructorAcceptsSixToFifteenDigitsAfterThePlus() {
    assertThat(PhoneNumber.of("+123456").e164()).isEqualTo("+123456");
    assertThat(PhoneNumber.of("+123456789012345").e164()).isEqualTo("+123456789012345");
    for (String bad : new String[] {"+12345", "+1234567890123456", "+91984501111x", "+",
        "", "++91984501111", "+٩١٩٨٤٥٠١١١١١"}) {
      assertThatThrownBy(() -> PhoneNumber.of(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void masksAllButCountryPrefixAndLastFourDigits() {
    assertThat(PhoneNumber.of("+919876541111").masked()).isEqualTo("+91******1111");
  }

  @Test
  void toStringNeverShowsTheWholeNumber() {
    PhoneNumber number = PhoneNumber.of("+919876541111");
    assertThat(number.toString()).doesNotContain("987654").isEqualTo(number.masked());
    assertThat(new SessionSide(number, PhoneNumber.of("+918000000001"),
        PhoneNumber.of("+918000000002"), false).toString()).doesNotContain("987654");
  }
}
