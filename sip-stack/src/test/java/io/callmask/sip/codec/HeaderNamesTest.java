package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"Via", "From", "To", "Call-ID", "CSeq", "Contact", "Max-Forwards",
      "Record-Route", "Route", "Content-Length", "Content-Type", "Allow", "Supported", "Require",
      "Session-Expires", "P-Asserted-Identity", "Path", "Privacy", "Date", "RAck", "RSeq", "v",
      "i", "l", "m"})
  void recognisesUsualSpellingsInPlace(String spelling) {
    byte[] bytes = ("xx" + spelling + ":").getBytes(StandardCharsets.US_ASCII);

    String found = HeaderNames.usualSpelling(bytes, 2, 2 + spelling.length());

    assertThat(found).isEqualTo(spelling);
    assertThat(HeaderNames.canonical(found)).isEqualTo(HeaderNames.canonical(spelling));
  }

  @ParameterizedTest
  @ValueSource(strings = {"VIA", "via", "Fro", "Fromm", "Call-Id", "X-Custom", "Contacts",
      "P-Asserted-identity", "V", "q", "Dat\u00e9", "\u00c0llow"})
  void leavesOtherNamesAlone(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);

    assertThat(HeaderNames.usualSpelling(bytes, 0, bytes.length)).isNull();
  }
}
