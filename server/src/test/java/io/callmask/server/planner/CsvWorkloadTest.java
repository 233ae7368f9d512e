package io.callmask.server.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.server.masking.PhoneNumber;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvWorkloadTest {

  @Test
  void readsIsoAndUnixTimesAndClosesTheOldestOpenSessionOfThePair() throws Exception {
    String csv = """
        time,customer,partner,event
        2026-01-01T00:00:00Z,+919845011111,098450 22222,open
        1767225610,+919845011111,+919845022222,open
        2026-01-01T00:00:20Z,+919845011111,+919845022222,close
        2026-01-01T00:01:00Z,+919845033333,+919845022222,open
        """;
    var spans = CsvWorkload.read(new StringReader(csv), "IN");
    assertThat(spans).containsExactly(
        new SessionSpan(0, 20, PhoneNumber.of("+919845011111"), PhoneNumber.of("+919845022222")),
        new SessionSpan(10, 60, PhoneNumber.of("+919845011111"), PhoneNumber.of("+919845022222")),
        new SessionSpan(60, 60, PhoneNumber.of("+919845033333"), PhoneNumber.of("+919845022222")));
  }

  @Test
  void aMalformedLineIsNamed() {
    assertThatThrownBy(() -> CsvWorkload.read(new StringReader(
        "0,+919845011111,+919845022222,open\n5,+919845011111,+919845022222,maybe\n"), "IN"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 2");
    assertThatThrownBy(() -> CsvWorkload.read(new StringReader(
        "0,+919845011111,+919845022222,close\n"), "IN"))
        .hasMessage("line 1: close without open");
  }
}
