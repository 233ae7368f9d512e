package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.net.InetSocketAddress;
import java.text.ParseException;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.Test;

class ResponseTargetsTest {

  private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.7", 40000);
  private static final Peer UDP_PEER = Peer.to(Transport.UDP, SOURCE);

  private static ViaHeader via(String value) throws ParseException {
    return (ViaHeader) SipResponses.headerFactory().createHeader(ViaHeader.NAME, value);
  }

  @Test
  void reliableTransportAnswersOnTheSameConnection() throws ParseException {
    Peer tcp = new Peer(Transport.TCP, SOURCE, new InetSocketAddress("127.0.0.1", 5060));

    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/TCP pc33.example.com:5070;branch=z9hG4bK1;received=192.0.2.7"), tcp);

    assertThat(target).isSameAs(tcp);
  }

  @Test
  void maddrWinsWithTheSentByPort() throws ParseException {
    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK1;maddr=198.51.100.1;rport=40000"),
        UDP_PEER);

    assertThat(target.transport()).isEqualTo(Transport.UDP);
    assertThat(target.remote()).isEqualTo(new InetSocketAddress("198.51.100.1", 5070));
  }

  @Test
  void maddrWithoutSentByPortUsesDefault5060() throws ParseException {
    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK1;maddr=198.51.100.1"), UDP_PEER);

    assertThat(target.remote()).isEqualTo(new InetSocketAddress("198.51.100.1", 5060));
  }

  @Test
  void maddrNameStaysUnresolved() throws ParseException {
    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK1;maddr=relay.example.com"), UDP_PEER);

    assertThat(target.remote().isUnresolved()).isTrue();
    assertThat(target.remote().getHostString()).isEqualTo("relay.example.com");
    assertThat(target.remote().getPort()).isEqualTo(5070);
  }

  @Test
  void rportWithValueSendsToReceivedAndThatPort() throws ParseException {
    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport=40000;received=192.0.2.7"),
        UDP_PEER);

    assertThat(target.remote()).isEqualTo(new InetSocketAddress("192.0.2.7", 40000));
  }

  @Test
  void rportWithoutReceivedUsesTheSourceAddress() throws ParseException {
    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK1;rport=40001"), UDP_PEER);

    assertThat(target.remote()).isEqualTo(new InetSocketAddress("192.0.2.7", 40001));
  }

  @Test
  void receivedWithoutRportUsesTheSentByPort() throws ParseException {
    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/UDP pc33.example.com:5070;branch=z9hG4bK1;received=192.0.2.7"), UDP_PEER);

    assertThat(target.remote()).isEqualTo(new InetSocketAddress("192.0.2.7", 5070));
  }

  @Test
  void receivedWithoutAnyPortUsesDefault5060() throws ParseException {
    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1;received=192.0.2.7"), UDP_PEER);

    assertThat(target.remote()).isEqualTo(new InetSocketAddress("192.0.2.7", 5060));
  }

  @Test
  void plainSentByIsUsedAsWritten() throws ParseException {
    Peer target = ResponseTargets.forVia(via("SIP/2.0/UDP 192.0.2.7:5080;branch=z9hG4bK1"),
        UDP_PEER);

    assertThat(target.remote()).isEqualTo(new InetSocketAddress("192.0.2.7", 5080));
  }

  @Test
  void ipv6ReceivedAndRport() throws ParseException {
    Peer v6 = Peer.to(Transport.UDP, new InetSocketAddress("2001:db8::7", 40000));

    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1;rport=40000;received=2001:db8::7"),
        v6);

    assertThat(target.remote()).isEqualTo(new InetSocketAddress("2001:db8::7", 40000));
  }

  @Test
  void aResponseBackToTheSourceReusesTheRequestPeer() throws ParseException {
    Peer target = ResponseTargets.forVia(
        via("SIP/2.0/UDP 192.0.2.7:40000;branch=z9hG4bK1;rport=40000"), UDP_PEER);

    assertThat(target).isSameAs(UDP_PEER);
  }

  @Test
  void forResponseReadsTheTopVia() throws ParseException {
    javax.sip.message.Response response = SipResponses.messageFactory().createResponse(
        "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport=41000;received=192.0.2.9\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.6:5060;branch=z9hG4bK2\r\n"
            + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\n"
            + "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");

    assertThat(ResponseTargets.forResponse(response, UDP_PEER).remote())
        .isEqualTo(new InetSocketAddress("192.0.2.9", 41000));
  }

  @Test
  void responseWithoutViaIsABug() throws ParseException {
    javax.sip.message.Response response = SipResponses.messageFactory().createResponse(
        "SIP/2.0 200 OK\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\n"
            + "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");

    assertThatThrownBy(() -> ResponseTargets.forResponse(response, UDP_PEER))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
