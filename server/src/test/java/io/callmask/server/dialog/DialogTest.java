package io.callmask.server.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** RFC 3261 §12: dialog state from both sides, and the requests a dialog makes. */
class DialogTest {

  private static final Peer FALLBACK =
      Peer.to(Transport.UDP, new InetSocketAddress("203.0.113.9", 5060));

  private static final String INVITE = String.join("\r\n",
      "INVITE sip:+918040000001@192.0.2.10 SIP/2.0",
      "Via: SIP/2.0/UDP 203.0.113.1:5060;branch=z9hG4bK-1",
      "Record-Route: <sip:203.0.113.2;lr>, <sip:203.0.113.3;lr>",
      "Max-Forwards: 70",
      "From: <sip:+919845011111@203.0.113.1>;tag=remote",
      "To: <sip:+918040000001@192.0.2.10>",
      "Call-ID: call-1",
      "CSeq: 7 INVITE",
      "Contact: <sip:caller@203.0.113.1:5070;transport=tcp>",
      "Content-Length: 0", "", "");

  @Test
  void uasKeepsTheRecordRoutesInOrderAndTargetsTheContact() throws Exception {
    Dialog dialog = Dialog.asUas(request(INVITE), "local", FALLBACK);

    Request bye = dialog.createRequest(Request.BYE);

    assertThat(dialog.id()).isEqualTo(new DialogId("call-1", "local", "remote"));
    assertThat(bye.getRequestURI().toString())
        .isEqualTo("sip:caller@203.0.113.1:5070;transport=tcp");
    assertThat(routes(bye)).containsExactly("sip:203.0.113.2;lr", "sip:203.0.113.3;lr");
    assertThat(((FromHeader) bye.getHeader(FromHeader.NAME)).getTag()).isEqualTo("local");
    assertThat(((FromHeader) bye.getHeader(FromHeader.NAME)).getAddress().getURI().toString())
        .isEqualTo("sip:+918040000001@192.0.2.10");
    assertThat(((ToHeader) bye.getHeader(ToHeader.NAME)).getTag()).isEqualTo("remote");
    assertThat(((CSeqHeader) bye.getHeader(CSeqHeader.NAME)).getSeqNumber()).isEqualTo(1);
    assertThat(dialog.nextHop()).isEqualTo(
        Peer.to(Transport.UDP, new InetSocketAddress("203.0.113.2", 5060)));
  }

  @Test
  void uacReversesTheRecordRoutesAndCountsOnFromItsInvite() throws Exception {
    Request invite = request(INVITE.replace("Record-Route: <sip:203.0.113.2;lr>, "
        + "<sip:203.0.113.3;lr>\r\n", "").replace("tag=remote", "tag=mine"));
    Response ok = SipResponses.messageFactory().createResponse(200, invite);
    ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("theirs");
    ok.addLast(SipResponses.headerFactory().createHeader("Record-Route",
        "<sip:198.51.100.7;lr>"));
    ok.addLast(SipResponses.headerFactory().createHeader("Record-Route",
        "<sip:198.51.100.8;lr>"));
    assertThat(ok.toString()).containsSubsequence("198.51.100.7", "198.51.100.8");
    ok.setHeader(SipResponses.headerFactory().createHeader("Contact", "<sip:callee@198.51.100.9>"));

    Dialog dialog = Dialog.asUac(invite, ok, FALLBACK);
    Request bye = dialog.createRequest(Request.BYE);
    Request ack = dialog.createAck(7);

    assertThat(dialog.isConfirmed()).isTrue();
    assertThat(dialog.id()).isEqualTo(new DialogId("call-1", "mine", "theirs"));
    assertThat(routes(bye)).containsExactly("sip:198.51.100.8;lr", "sip:198.51.100.7;lr");
    assertThat(((CSeqHeader) bye.getHeader(CSeqHeader.NAME)).getSeqNumber()).isEqualTo(8);
    assertThat(((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getSeqNumber()).isEqualTo(7);
    assertThat(ack.getRequestURI().toString()).isEqualTo("sip:callee@198.51.100.9");
    assertThat(dialog.nextHop().remote()).isEqualTo(new InetSocketAddress("198.51.100.8", 5060));
  }

  @Test
  void strictRouteBecomesTheRequestUriAndTheTargetTheLastRoute() throws Exception {
    Dialog dialog = Dialog.asUas(request(INVITE.replace("<sip:203.0.113.2;lr>",
        "<sip:203.0.113.2>")), "local", FALLBACK);

    Request bye = dialog.createRequest(Request.BYE);

    assertThat(bye.getRequestURI().toString()).isEqualTo("sip:203.0.113.2");
    assertThat(routes(bye)).containsExactly("sip:203.0.113.3;lr",
        "sip:caller@203.0.113.1:5070;transport=tcp");
  }

  @Test
  void hostNameTargetFallsBackToThePeerWithoutAskingDns() throws Exception {
    Dialog dialog = Dialog.asUas(request(INVITE.replace("Record-Route: <sip:203.0.113.2;lr>, "
        + "<sip:203.0.113.3;lr>\r\n", "").replace("caller@203.0.113.1:5070;transport=tcp",
        "caller@sbc.carrier.invalid")), "local", FALLBACK);

    assertThat(dialog.nextHop()).isEqualTo(FALLBACK);
  }

  @Test
  void contactTransportAndPortChooseTheHop() throws Exception {
    Dialog dialog = Dialog.asUas(request(INVITE.replace("Record-Route: <sip:203.0.113.2;lr>, "
        + "<sip:203.0.113.3;lr>\r\n", "")), "local", FALLBACK);

    assertThat(dialog.nextHop()).isEqualTo(
        Peer.to(Transport.TCP, new InetSocketAddress("203.0.113.1", 5070)));
  }

  @Test
  void requestsOutOfOrderAreRefusedAndTargetRefreshesApply() throws Exception {
    Dialog dialog = Dialog.asUas(request(INVITE), "local", FALLBACK);

    assertThat(dialog.acceptRemoteSequence(6)).isFalse();
    assertThat(dialog.acceptRemoteSequence(8)).isTrue();
    assertThat(dialog.acceptRemoteSequence(8)).isTrue();
    assertThat(dialog.acceptRemoteSequence(7)).isFalse();
    dialog.refreshTarget(request(INVITE.replace("caller@203.0.113.1:5070;transport=tcp",
        "moved@203.0.113.50")));
    assertThat(dialog.createRequest(Request.BYE).getRequestURI().toString())
        .isEqualTo("sip:moved@203.0.113.50");
  }

  @Test
  void ipLiteralsAreReadAndNamesAreNot() {
    assertThat(IpLiterals.parse("192.0.2.1")).isPresent();
    assertThat(IpLiterals.parse("[2001:db8::1]")).isPresent();
    assertThat(IpLiterals.parse("2001:db8::1")).isPresent();
    assertThat(IpLiterals.parse("256.0.0.1")).isEmpty();
    assertThat(IpLiterals.parse("1.2.3")).isEmpty();
    assertThat(IpLiterals.parse("example.com")).isEmpty();
    assertThat(IpLiterals.parse("")).isEmpty();
  }

  @Test
  void tableFindsAndForgetsDialogsByOwner() {
    DialogTable<String> table = new DialogTable<>();
    DialogId id = new DialogId("c", "l", "r");
    table.put(id, "leg");

    table.remove(id, "another");
    assertThat(table.find(id)).contains("leg");
    table.remove(id, "leg");
    assertThat(table.find(id)).isEmpty();
    assertThat(table.size()).isZero();
  }

  private static List<String> routes(Request request) {
    List<String> routes = new ArrayList<>();
    ListIterator<?> headers = request.getHeaders(RouteHeader.NAME);
    while (headers.hasNext()) {
      routes.add(((RouteHeader) headers.next()).getAddress().getURI().toString());
    }
    return routes;
  }

  private static Request request(String text) throws ParseException {
    return SipResponses.messageFactory().createRequest(text);
  }
}
