package io.callmask.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CarrierTraceTest {

  /** Two messages as SIPp 3.6 logs them with -trace_msg, one sent over UDP, one received. */
  private static final String LOG = String.join("\n",
      "----------------------------------------------- 2026-11-22 06:34:39.127352",
      "UDP message sent (511 bytes):",
      "",
      "INVITE sip:+918040000001@127.0.0.1:5060;transport=UDP SIP/2.0",
      "Via: SIP/2.0/UDP 127.0.0.1:15098;branch=z9hG4bK-3790-1-0;rport",
      "From: \"Customer\" <sip:+919845011111@127.0.0.1:15098>;tag=3790SIPpTag001",
      "To: <sip:+918040000001@127.0.0.1:5060>",
      "Call-ID: 1-3790@127.0.0.1",
      "CSeq: 1 INVITE",
      "P-Asserted-Identity: <sip:+919845011111@127.0.0.1>",
      "Content-Type: application/sdp",
      "Content-Length:   38",
      "",
      "v=0",
      "o=919845011111 1 1 IN IP4 127.0.0.1",
      "",
      "----------------------------------------------- 2026-11-22 06:34:39.528710",
      "TCP message received [309] bytes :",
      "",
      "SIP/2.0 200 OK",
      "Via: SIP/2.0/UDP 127.0.0.1:15098;branch=z9hG4bK-3790-1-0;rport=15098",
      "From: \"Customer\" <sip:+919845011111@127.0.0.1:15098>;tag=3790SIPpTag001",
      "To: <sip:+918040000001@127.0.0.1:5060>;tag=a3ec98ef11d5afd7",
      "Call-ID: 1-3790@127.0.0.1",
      "CSeq: 1 INVITE",
      "Content-Length: 0",
      "",
      "");

  private final CarrierTrace trace = CarrierTrace.parse(LOG);

  @Test
  void readsEachMessageWithItsDirectionTimeAndHeaders() {
    assertThat(trace.messages()).hasSize(2);
    CarrierTrace.Message invite = trace.sent("INVITE").get(0);
    assertThat(invite.at()).isEqualTo(LocalDateTime.of(2026, 11, 22, 6, 34, 39, 127_352_000));
    assertThat(invite.requestUri()).isEqualTo("sip:+918040000001@127.0.0.1:5060;transport=UDP");
    assertThat(invite.user("P-Asserted-Identity")).contains("+919845011111");
    assertThat(invite.tag("From")).contains("3790SIPpTag001");
    assertThat(invite.body()).isEqualTo("v=0\no=919845011111 1 1 IN IP4 127.0.0.1");

    CarrierTrace.Message ok = trace.receivedResponses(200).get(0);
    assertThat(ok.sent()).isFalse();
    assertThat(ok.method()).isEqualTo("INVITE");
    assertThat(ok.tag("To")).contains("a3ec98ef11d5afd7");
    assertThat(trace.receivedFinalStatuses()).containsExactly(200);
    assertThat(trace.received("INVITE")).isEmpty();
  }

  @Test
  void collectsCallIdsTagsAndBranches() {
    assertThat(trace.identifiers()).containsExactlyInAnyOrder(
        "1-3790@127.0.0.1", "3790SIPpTag001", "a3ec98ef11d5afd7", "z9hG4bK-3790-1-0");
  }

  @Test
  void ignoresWhatIsNotALoggedMessage() {
    assertThat(CarrierTrace.parse("").messages()).isEmpty();
    assertThat(CarrierTrace.parse("sipp: some warning\n").messages()).isEmpty();
  }
}
