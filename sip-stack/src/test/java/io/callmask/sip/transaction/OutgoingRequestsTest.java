package io.callmask.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class OutgoingRequestsTest {

  private final Request invite = inviteWithRoutes();

  private static Request inviteWithRoutes() {
    Request request = TestMessages.outgoing(Request.INVITE);
    try {
      request.addHeader(SipResponses.headerFactory().createHeader("Route", "<sip:edge1;lr>"));
      request.addHeader(SipResponses.headerFactory().createHeader("Route", "<sip:edge2;lr>"));
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
    OutgoingRequests.pushVia(request, new HostPort("192.0.2.10", 5080), Transport.TCP);
    return request;
  }

  @Test
  void pushesViaOnTopOfExistingOnes() {
    OutgoingRequests.pushVia(invite, new HostPort("192.0.2.11", 5090), Transport.UDP);

    ViaHeader top = (ViaHeader) invite.getHeader(ViaHeader.NAME);
    assertThat(top.getHost()).isEqualTo("192.0.2.11");
    assertThat(top.getPort()).isEqualTo(5090);
    assertThat(top.getTransport()).isEqualTo("UDP");
    assertThat(headers(invite, ViaHeader.NAME)).hasSize(2);
  }

  @Test
  void buildsCancelPerSection9Point1() {
    Request cancel = OutgoingRequests.cancelFor(invite);

    assertThat(cancel.getMethod()).isEqualTo(Request.CANCEL);
    assertThat(cancel.getRequestURI()).isEqualTo(invite.getRequestURI());
    assertSameHeader(cancel, invite, CallIdHeader.NAME);
    assertSameHeader(cancel, invite, FromHeader.NAME);
    assertSameHeader(cancel, invite, ToHeader.NAME);
    CSeqHeader cseq = (CSeqHeader) cancel.getHeader(CSeqHeader.NAME);
    assertThat(cseq.getSeqNumber())
        .isEqualTo(((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber());
    assertThat(cseq.getMethod()).isEqualTo(Request.CANCEL);
    assertThat(headers(cancel, ViaHeader.NAME)).containsExactly(invite.getHeader(ViaHeader.NAME));
    assertThat(headers(cancel, RouteHeader.NAME)).isEqualTo(headers(invite, RouteHeader.NAME));
    assertThat(((MaxForwardsHeader) cancel.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
        .isEqualTo(70);
  }

  @Test
  void buildsAckOfFailurePerSection17Point1Point1Point3() {
    Response busy = TestMessages.response(invite, 486);

    Request ack = OutgoingRequests.ackFor(invite, busy);

    assertThat(ack.getMethod()).isEqualTo(Request.ACK);
    assertThat(ack.getRequestURI()).isEqualTo(invite.getRequestURI());
    assertSameHeader(ack, invite, CallIdHeader.NAME);
    assertSameHeader(ack, invite, FromHeader.NAME);
    assertThat(ack.getHeader(ToHeader.NAME)).isEqualTo(busy.getHeader(ToHeader.NAME));
    assertThat(((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getMethod()).isEqualTo(Request.ACK);
    assertThat(headers(ack, ViaHeader.NAME)).containsExactly(invite.getHeader(ViaHeader.NAME));
    assertThat(headers(ack, RouteHeader.NAME)).isEqualTo(headers(invite, RouteHeader.NAME));
  }

  @Test
  void derivedRequestsShareNoHeaderObjectWithTheInvite() {
    Request cancel = OutgoingRequests.cancelFor(invite);

    assertThat(cancel.getHeader(ViaHeader.NAME)).isNotSameAs(invite.getHeader(ViaHeader.NAME));
    assertThat(cancel.getHeader(ToHeader.NAME)).isNotSameAs(invite.getHeader(ToHeader.NAME));
  }

  private static void assertSameHeader(Request derived, Request original, String name) {
    assertThat(derived.getHeader(name)).as(name).isEqualTo(original.getHeader(name));
  }

  private static List<Header> headers(Request request, String name) {
    List<Header> headers = new ArrayList<>();
    for (ListIterator<?> it = request.getHeaders(name); it.hasNext(); ) {
      headers.add((Header) it.next());
    }
    return headers;
  }
}
