package io.callmask.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import java.net.InetSocketAddress;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class ResponseRouteTest {

  private static final InetSocketAddress NATTED = new InetSocketAddress("198.51.100.7", 40123);

  private static Request requestWithVia(String via) {
    Request request = TestMessages.inbound(Request.OPTIONS, Transport.UDP);
    return parseWithVia(request, via);
  }

  private static Request parseWithVia(Request request, String via) {
    String text = request.toString().replaceFirst("Via: [^\r]*\r\n", "Via: " + via + "\r\n");
    try {
      return io.callmask.sip.message.SipResponses.messageFactory().createRequest(text);
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void udpGoesToSourceAddressAtRport() {
    Peer source = new Peer(Transport.UDP, NATTED, TestMessages.LOCAL);
    Request request = requestWithVia(
        "SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKa;rport=40123;received=198.51.100.7");

    assertThat(ResponseRoute.of(request, source)).isEqualTo(source);
  }

  @Test
  void udpWithoutRportGoesToSourceAddressAtSentByPort() {
    Peer source = new Peer(Transport.UDP, NATTED, TestMessages.LOCAL);
    Request request = requestWithVia(
        "SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bKa;received=198.51.100.7");

    Peer target = ResponseRoute.of(request, source);

    assertThat(target.remote()).isEqualTo(new InetSocketAddress("198.51.100.7", 5070));
    assertThat(target.local()).isEqualTo(TestMessages.LOCAL);
    assertThat(target.transport()).isEqualTo(Transport.UDP);
  }

  @Test
  void udpWithoutAnyPortGoesTo5060() {
    Peer source = new Peer(Transport.UDP, NATTED, TestMessages.LOCAL);
    Request request = requestWithVia("SIP/2.0/UDP 198.51.100.7;branch=z9hG4bKa");

    assertThat(ResponseRoute.of(request, source).remote())
        .isEqualTo(new InetSocketAddress("198.51.100.7", 5060));
  }

  @Test
  void tcpGoesBackOverTheConnection() {
    Peer source = new Peer(Transport.TCP, NATTED, TestMessages.LOCAL);
    Request request = requestWithVia("SIP/2.0/TCP 10.0.0.5:5070;branch=z9hG4bKa");

    assertThat(ResponseRoute.of(request, source)).isEqualTo(source);
  }
}
