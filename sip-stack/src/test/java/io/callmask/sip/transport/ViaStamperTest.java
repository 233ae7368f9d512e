package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.SipResponses;
import java.net.InetSocketAddress;
import java.text.ParseException;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.Test;

class ViaStamperTest {

  private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.7", 40000);

  private static ViaHeader stamped(String value, InetSocketAddress source) throws ParseException {
    ViaHeader via = (ViaHeader) SipResponses.headerFactory().createHeader(ViaHeader.NAME, value);
    ViaStamper.stamp(via, source);
    return via;
  }

  @Test
  void addsReceivedWhenSentByIsAName() throws ParseException {
    ViaHeader via = stamped("SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bK1", SOURCE);

    assertThat(via.getReceived()).isEqualTo("192.0.2.7");
    assertThat(via.getParameter("rport")).isNull();
  }

  @Test
  void addsReceivedWhenSentByIsAnotherAddress() throws ParseException {
    ViaHeader via = stamped("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1", SOURCE);

    assertThat(via.getReceived()).isEqualTo("192.0.2.7");
  }

  @Test
  void leavesViaAloneWhenSentByIsTheSourceAndNoRport() throws ParseException {
    ViaHeader via = stamped("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK1", SOURCE);

    assertThat(via.getReceived()).isNull();
    assertThat(via.toString()).doesNotContain("received").doesNotContain("rport");
  }

  @Test
  void fillsEmptyRportAndAddsReceivedEvenWhenSentByMatches() throws ParseException {
    ViaHeader via = stamped("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK1;rport", SOURCE);

    assertThat(via.getRPort()).isEqualTo(40000);
    assertThat(via.getReceived()).isEqualTo("192.0.2.7");
  }

  @Test
  void fillsRportBehindNat() throws ParseException {
    ViaHeader via = stamped("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport", SOURCE);

    assertThat(via.getRPort()).isEqualTo(40000);
    assertThat(via.getReceived()).isEqualTo("192.0.2.7");
  }

  @Test
  void keepsAnRportThatAlreadyHasAValue() throws ParseException {
    ViaHeader via = stamped("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport=5000", SOURCE);

    assertThat(via.getRPort()).isEqualTo(5000);
  }

  @Test
  void comparesIpv6SentByAsAnAddress() throws ParseException {
    InetSocketAddress v6 = new InetSocketAddress("2001:db8::7", 40000);

    ViaHeader via = stamped("SIP/2.0/UDP [2001:DB8:0::7]:5060;branch=z9hG4bK1", v6);

    assertThat(via.getReceived()).isNull();
  }

  @Test
  void writesIpv6ReceivedWithoutBrackets() throws ParseException {
    InetSocketAddress v6 = new InetSocketAddress("2001:db8::7", 40000);

    ViaHeader via = stamped("SIP/2.0/UDP host.example.com;branch=z9hG4bK1;rport", v6);

    assertThat(via.getReceived()).isEqualTo("2001:db8::7");
    assertThat(via.getRPort()).isEqualTo(40000);
  }
}
