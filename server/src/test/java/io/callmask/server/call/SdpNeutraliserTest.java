package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SdpNeutraliserTest {

  @Test
  void originUsernameBecomesADashAndPersonalLinesGo() {
    String sdp = String.join("\r\n",
        "v=0",
        "o=919845011111 2890844526 2890844527 IN IP4 203.0.113.50",
        "s=-",
        "e=someone@example.com",
        "p=+91 98450 11111",
        "c=IN IP4 203.0.113.50",
        "t=0 0",
        "m=audio 20000 RTP/AVP 0",
        "a=rtpmap:0 PCMU/8000",
        "");

    assertThat(neutralise(sdp)).isEqualTo(String.join("\r\n",
        "v=0",
        "o=- 2890844526 2890844527 IN IP4 203.0.113.50",
        "s=-",
        "c=IN IP4 203.0.113.50",
        "t=0 0",
        "m=audio 20000 RTP/AVP 0",
        "a=rtpmap:0 PCMU/8000",
        ""));
  }

  @Test
  void bareLineFeedsAndAMissingFinalNewlineSurvive() {
    assertThat(neutralise("v=0\no=alice 1 1 IN IP4 192.0.2.1\ns=x"))
        .isEqualTo("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=x");
  }

  @Test
  void malformedOriginIsLeftForTheGuard() {
    assertThat(neutralise("o=onlyusername\r\n")).isEqualTo("o=onlyusername\r\n");
  }

  private static String neutralise(String sdp) {
    return new String(SdpNeutraliser.neutralise(sdp.getBytes(StandardCharsets.US_ASCII)),
        StandardCharsets.US_ASCII);
  }
}
