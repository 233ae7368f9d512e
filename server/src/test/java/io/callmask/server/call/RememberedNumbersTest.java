package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.server.masking.PhoneNumber;
import org.junit.jupiter.api.Test;

class RememberedNumbersTest {

  @Test
  void readsNumbersAsPhoneNumberParseDoes() {
    RememberedNumbers numbers = new RememberedNumbers("IN", 10);

    assertThat(numbers.parse("08050000001")).contains(PhoneNumber.of("+918050000001"));
    assertThat(numbers.parse("+918050000001")).contains(PhoneNumber.of("+918050000001"));
    assertThat(numbers.parse("+44 20 7946 0958")).contains(PhoneNumber.of("+442079460958"));
  }

  @Test
  void answersASpellingReadBeforeWithTheSameNumber() {
    RememberedNumbers numbers = new RememberedNumbers("IN", 10);
    PhoneNumber first = numbers.parse("+918050000001").orElseThrow();

    assertThat(numbers.parse("+918050000001")).containsSame(first);
  }

  @Test
  void startsOverOnceFullAndStillReadsEveryNumber() {
    RememberedNumbers numbers = new RememberedNumbers("IN", 2);
    PhoneNumber first = numbers.parse("+918050000001").orElseThrow();
    numbers.parse("+918050000002");
    numbers.parse("+918050000003");

    PhoneNumber again = numbers.parse("+918050000001").orElseThrow();

    assertThat(again).isEqualTo(first).isNotSameAs(first);
    assertThat(numbers.parse("+918050000003")).contains(PhoneNumber.of("+918050000003"));
  }

  @Test
  void findsNoNumberInTextThatIsNone() {
    RememberedNumbers numbers = new RememberedNumbers("IN", 10);

    assertThat(numbers.parse("12")).isEmpty();
    assertThat(numbers.parse("12")).isEmpty();
  }

  @Test
  void refusesAnEmptyCapacity() {
    assertThatThrownBy(() -> new RememberedNumbers("IN", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
