package io.callmask.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import gov.nist.javax.sip.parser.StringMsgParser;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import org.junit.jupiter.api.Test;

class CoreHeadersTest {

  private static final String BYE = String.join("\r\n",
      "BYE sip:+918045001111@198.51.100.5:5060 SIP/2.0",
      "Via: SIP/2.0/UDP 203.0.113.30:5060;branch=z9hG4bK-top",
      "Via: SIP/2.0/UDP 203.0.113.31:5060;branch=z9hG4bK-below",
      "Max-Forwards: 70",
      "From: <sip:+918045009999@203.0.113.30>;tag=9fxced76sl",
      "To: <sip:+918045001111@198.51.100.5>;tag=314159",
      "Call-ID: a84b4c76e66710@203.0.113.30",
      "CSeq: 231 BYE",
      "Content-Length: 0",
      "", "");

  @Test
  void readsTheHeadersAMessageIsLookedUpBy() throws Exception {
    Message bye = parse(BYE);

    assertThat(CoreHeaders.callId(bye)).isSameAs(bye.getHeader(CallIdHeader.NAME));
    assertThat(CoreHeaders.cseq(bye)).isSameAs(bye.getHeader(CSeqHeader.NAME));
    assertThat(CoreHeaders.from(bye)).isSameAs(bye.getHeader(FromHeader.NAME));
    assertThat(CoreHeaders.to(bye)).isSameAs(bye.getHeader(ToHeader.NAME));
    assertThat(CoreHeaders.topVia(bye)).isSameAs(bye.getHeader(ViaHeader.NAME));
    assertThat(CoreHeaders.topVia(bye).getBranch()).isEqualTo("z9hG4bK-top");
  }

  @Test
  void followsHeadersReplacedAndRemoved() throws Exception {
    Message bye = parse(BYE);
    Message other = parse(BYE.replace("tag=314159", "tag=271828").replace("231 BYE", "232 BYE"));

    bye.setHeader(other.getHeader(ToHeader.NAME));
    bye.setHeader(other.getHeader(CSeqHeader.NAME));
    bye.removeHeader(ViaHeader.NAME);
    bye.removeHeader(CallIdHeader.NAME);

    assertThat(CoreHeaders.to(bye).getTag()).isEqualTo("271828");
    assertThat(CoreHeaders.cseq(bye).getSeqNumber()).isEqualTo(232);
    assertThat(CoreHeaders.topVia(bye)).isNull();
    assertThat(CoreHeaders.callId(bye)).isNull();
  }

  @Test
  void asksAMessageOfAnotherImplementationByName() {
    Message foreign = mock(Message.class);
    CallIdHeader callId = mock(CallIdHeader.class);
    ViaHeader via = mock(ViaHeader.class);
    when(foreign.getHeader(CallIdHeader.NAME)).thenReturn(callId);
    when(foreign.getHeader(ViaHeader.NAME)).thenReturn(via);

    assertThat(CoreHeaders.callId(foreign)).isSameAs(callId);
    assertThat(CoreHeaders.topVia(foreign)).isSameAs(via);
    assertThat(CoreHeaders.cseq(foreign)).isNull();
  }

  private static Message parse(String text) throws Exception {
    return new StringMsgParser().parseSIPMessage(text.getBytes(), true, false, null);
  }
}
