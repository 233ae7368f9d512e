package io.callmask.sip.transaction;

import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The requests the transaction layer writes or stamps itself: the Via of every request it sends
 * (§8.1.1.7, §18.1.1, RFC 3581), CANCEL (§9.1) and the ACK of a non-2xx final response
 * (§17.1.1.3). Stateless and thread-safe.
 */
final class OutgoingRequests {

  /** The Max-Forwards a UAC starts with (§8.1.1.6). */
  private static final int MAX_FORWARDS = 70;

  private OutgoingRequests() {}

  /** Pushes a Via with a new branch and an empty {@code rport} (RFC 3581 §3) onto {@code request}. */
  static void pushVia(Request request, HostPort sentBy, Transport transport) {
    try {
      ViaHeader via = headers().createViaHeader(
          sentBy.host(), sentBy.port(), transport.viaToken(), BranchId.next());
      via.setRPort();
      request.addFirst(SipHeaders.listed(via));
    } catch (ParseException | InvalidArgumentException | SipException e) {
      throw new IllegalArgumentException("cannot stamp Via " + sentBy + ": " + e.getMessage(), e);
    }
  }

  /**
   * §9.1: Request-URI, Call-ID, From, To and CSeq number of {@code invite}, method CANCEL, the
   * INVITE's top Via only (so the branch matches), and its Route headers.
   */
  static Request cancelFor(Request invite) {
    return derive(invite, Request.CANCEL, CoreHeaders.to(invite));
  }

  /**
   * §17.1.1.3: the ACK of a 300–699 response: as a CANCEL would be, but with the To header of the
   * response (which carries the UAS's tag) and method ACK.
   */
  static Request ackFor(Request invite, Response response) {
    return derive(invite, Request.ACK, CoreHeaders.to(response));
  }

  private static Request derive(Request invite, String method, ToHeader to) {
    try {
      CSeqHeader cseq = CoreHeaders.cseq(invite);
      Request derived = SipResponses.messageFactory().createRequest(
          (URI) invite.getRequestURI().clone(),
          method,
          (CallIdHeader) CoreHeaders.callId(invite).clone(),
          headers().createCSeqHeader(cseq.getSeqNumber(), method),
          (FromHeader) CoreHeaders.from(invite).clone(),
          (ToHeader) to.clone(),
          List.of((ViaHeader) CoreHeaders.topVia(invite).clone()),
          headers().createMaxForwardsHeader(MAX_FORWARDS));
      ListIterator<?> routes = invite.getHeaders(RouteHeader.NAME);
      while (routes.hasNext()) {
        derived.addLast(SipHeaders.listed((Header) ((Header) routes.next()).clone()));
      }
      return derived;
    } catch (ParseException | InvalidArgumentException | SipException e) {
      throw new IllegalArgumentException("cannot build " + method + ": " + e.getMessage(), e);
    }
  }

  private static HeaderFactory headers() {
    return SipHeaders.factory();
  }
}
