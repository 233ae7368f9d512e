package io.callmask.server.call;

import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.SipResponses;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The callee's carrier behind one trunk gateway in unit tests: answers the B-leg INVITE callmask
 * sends it and sends requests in that dialog, with the callee's real number in its SDP (which
 * must never reach the caller). Not thread-safe.
 */
final class CalleeCarrier {

  static final String SDP = String.join("\r\n",
      "v=0",
      "o=919887654321 1 1 IN IP4 198.51.100.60",
      "s=-",
      "c=IN IP4 198.51.100.60",
      "t=0 0",
      "m=audio 30000 RTP/AVP 0",
      "");

  private static final AtomicLong TAGS = new AtomicLong();

  final InetSocketAddress gateway;
  final String tag = "callee-tag-" + TAGS.incrementAndGet();
  private long cseq = 100;

  CalleeCarrier(InetSocketAddress gateway) {
    this.gateway = gateway;
  }

  String host() {
    return gateway.getHostString();
  }

  /** A response to {@code request} (as callmask sent it) with this carrier's tag and Contact. */
  Response respond(Request request, int status, String sdp) {
    try {
      Response response = SipResponses.messageFactory().createResponse(status, request);
      if (status != 100) {
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(tag);
        response.setHeader(SipResponses.headerFactory().createHeader("Contact",
            "<sip:callee@" + host() + ":" + gateway.getPort() + ">"));
      }
      if (sdp != null) {
        response.setContent(sdp.getBytes(StandardCharsets.US_ASCII),
            SipResponses.headerFactory().createContentTypeHeader("application", "sdp"));
      }
      return response;
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A response with extra headers, e.g. {@code RSeq} and {@code Require: 100rel}. */
  Response respond(Request request, int status, String sdp, String... headers) {
    Response response = respond(request, status, sdp);
    try {
      for (String header : headers) {
        int colon = header.indexOf(':');
        response.addHeader(SipResponses.headerFactory().createHeader(
            header.substring(0, colon).trim(), header.substring(colon + 1).trim()));
      }
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
    return response;
  }

  /** A request in the dialog set up by callmask's {@code invite}, toward callmask's Contact. */
  Request inDialog(Request invite, String method, String headers, String body) {
    cseq++;
    String ourTag = ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag();
    String presented = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI()
        .toString();
    return CallerCarrier.parse(String.join("\r\n",
        method + " sip:192.0.2.10:5060 SIP/2.0",
        "Via: SIP/2.0/UDP " + host() + ":5060;branch=" + BranchId.next() + ";rport=5060;received="
            + host(),
        "Max-Forwards: 70",
        "From: <" + ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI() + ">;tag="
            + tag,
        "To: <" + presented + ">;tag=" + ourTag,
        "Call-ID: " + ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(),
        "CSeq: " + cseq + " " + method,
        "Contact: <sip:callee@" + host() + ":" + gateway.getPort() + ">",
        headers), body);
  }

  /** The ACK of a 2xx this carrier got for its own re-INVITE {@code request}. */
  Request ack(Request request, Response success) {
    long seq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    return CallerCarrier.parse(String.join("\r\n",
        "ACK sip:192.0.2.10:5060 SIP/2.0",
        "Via: SIP/2.0/UDP " + host() + ":5060;branch=" + BranchId.next() + ";rport=5060;received="
            + host(),
        "Max-Forwards: 70",
        "From: " + request.getHeader(FromHeader.NAME).toString().substring(5).trim(),
        "To: " + success.getHeader(ToHeader.NAME).toString().substring(3).trim(),
        "Call-ID: " + ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(),
        "CSeq: " + seq + " ACK"), null);
  }
}
