package io.callmask.server.call;

import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.SipResponses;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The caller's carrier in unit tests: writes the A-leg requests a carrier SBC would send, with
 * every identity header carriers add (which must never reach the callee). Not thread-safe.
 */
final class CallerCarrier {

  static final String HOST = "203.0.113.1";
  /** The caller's real number as carriers write it in SDP, without the plus. */
  static final String SDP = String.join("\r\n",
      "v=0",
      "o=919845011111 2890844526 2890844526 IN IP4 203.0.113.50",
      "s=-",
      "c=IN IP4 203.0.113.50",
      "t=0 0",
      "m=audio 20000 RTP/AVP 0 8",
      "a=rtpmap:0 PCMU/8000",
      "");

  private static final AtomicLong CALLS = new AtomicLong();

  final String callId = "a-leg-" + CALLS.incrementAndGet() + "@" + HOST;
  final String tag = "caller-tag-" + CALLS.get();
  private String dialed = CallFixture.DIALED.e164();
  private String callerUser = CallFixture.CALLER.e164();
  private String extraHeaders = String.join("\r\n",
      "P-Asserted-Identity: <sip:+919845011111@203.0.113.1>",
      "Remote-Party-ID: <sip:+919845011111@203.0.113.1>;party=calling;privacy=off",
      "Diversion: <sip:+919845011111@203.0.113.1>;reason=unconditional",
      "History-Info: <sip:+919845011111@203.0.113.1>;index=1",
      "P-Preferred-Identity: <sip:+919845011111@203.0.113.1>",
      "Privacy: none",
      "User-Agent: CarrierA-SBC 1.0",
      "Supported: 100rel, timer",
      "Session-Expires: 1800");
  private int maxForwards = 70;
  private long cseq = 1;
  Request invite;

  CallerCarrier dialing(String user) {
    this.dialed = user;
    return this;
  }

  CallerCarrier callingFrom(String user) {
    this.callerUser = user;
    return this;
  }

  CallerCarrier withHeaders(String headers) {
    this.extraHeaders = headers;
    return this;
  }

  CallerCarrier withMaxForwards(int hops) {
    this.maxForwards = hops;
    return this;
  }

  /** The initial INVITE, with an SDP offer. */
  Request invite() {
    return invite(SDP);
  }

  Request invite(String sdp) {
    invite = parse(String.join("\r\n",
        "INVITE sip:" + dialed + "@192.0.2.10:5060 SIP/2.0",
        via(BranchId.next()),
        "Max-Forwards: " + maxForwards,
        "From: \"Customer\" <sip:" + callerUser + "@" + HOST + ">;tag=" + tag,
        "To: <sip:" + dialed + "@192.0.2.10>",
        "Call-ID: " + callId,
        "CSeq: 1 INVITE",
        "Contact: <sip:" + callerUser + "@" + HOST + ":5060>",
        extraHeaders),
        sdp);
    return invite;
  }

  /** CANCEL of the initial INVITE: its branch (§9.1). */
  Request cancel() {
    return parse(String.join("\r\n",
        "CANCEL " + invite.getRequestURI() + " SIP/2.0",
        invite.getHeader("Via").toString().trim(),
        "Max-Forwards: 70",
        "From: \"Customer\" <sip:" + callerUser + "@" + HOST + ">;tag=" + tag,
        "To: <sip:" + dialed + "@192.0.2.10>",
        "Call-ID: " + callId,
        "CSeq: 1 CANCEL"), null);
  }

  /** ACK of a 2xx {@code response} to the INVITE with CSeq {@code seq}: a new branch. */
  Request ack(Response response, long seq, String sdp) {
    return parse(String.join("\r\n",
        "ACK sip:192.0.2.10:5060 SIP/2.0",
        via(BranchId.next()),
        "Max-Forwards: 70",
        "From: \"Customer\" <sip:" + callerUser + "@" + HOST + ">;tag=" + tag,
        "To: <sip:" + dialed + "@192.0.2.10>;tag=" + toTag(response),
        "Call-ID: " + callId,
        "CSeq: " + seq + " ACK"), sdp);
  }

  /** A request in the dialog whose To tag (ours) is {@code ourTag}; a new CSeq. */
  Request inDialog(String method, String ourTag, String headers, String body) {
    cseq++;
    return parse(String.join("\r\n",
        method + " sip:192.0.2.10:5060 SIP/2.0",
        via(BranchId.next()),
        "Max-Forwards: 70",
        "From: \"Customer\" <sip:" + callerUser + "@" + HOST + ">;tag=" + tag,
        "To: <sip:" + dialed + "@192.0.2.10>;tag=" + ourTag,
        "Call-ID: " + callId,
        "CSeq: " + cseq + " " + method,
        "Contact: <sip:" + callerUser + "@" + HOST + ":5060>",
        headers), body);
  }

  /** This carrier's answer to a request callmask sent it inside the dialog. */
  Response respondTo(Request request, int status, String sdp) {
    try {
      Response response = SipResponses.messageFactory().createResponse(status, request);
      response.setHeader(SipResponses.headerFactory().createHeader("Contact",
          "<sip:" + callerUser + "@" + HOST + ":5060>"));
      if (sdp != null) {
        response.setContent(sdp.getBytes(StandardCharsets.US_ASCII),
            SipResponses.headerFactory().createContentTypeHeader("application", "sdp"));
      }
      return response;
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  long cseq() {
    return cseq;
  }

  static String toTag(Response response) {
    return ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
  }

  private static String via(String branch) {
    return "Via: SIP/2.0/UDP " + HOST + ":5060;branch=" + branch + ";rport=5060;received=" + HOST;
  }

  /** Parses head lines (blank lines dropped) plus an optional SDP body. */
  static Request parse(String head, String body) {
    String headers = head.replaceAll("(\r\n)+", "\r\n").strip();
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.US_ASCII);
    String text = headers + "\r\n"
        + (body == null || headers.contains("Content-Type:") ? ""
            : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + content.length + "\r\n\r\n" + (body == null ? "" : body);
    try {
      return SipResponses.messageFactory().createRequest(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad test request: " + e.getMessage() + "\n" + text, e);
    }
  }
}
