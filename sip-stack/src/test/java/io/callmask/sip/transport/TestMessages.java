package io.callmask.sip.transport;

import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.text.ParseException;
import java.util.UUID;
import javax.sip.message.Request;

/** SIP requests for transport tests, written as text so that they read like the wire. */
final class TestMessages {

  private TestMessages() {}

  /** The wire form of an OPTIONS from {@code from} (written in Via, with rport) to {@code to}. */
  static String optionsText(Transport transport, HostPort from, HostPort to, String callId) {
    return "OPTIONS sip:b@" + to + ";transport=" + transport.viaToken().toLowerCase() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/" + transport.viaToken() + " " + from + ";branch=" + BranchId.next()
        + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:a@example.com>;tag=" + SipResponses.newTag() + "\r\n"
        + "To: <sip:b@example.com>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n"
        + "\r\n";
  }

  static Request options(Transport transport, HostPort from, HostPort to) {
    try {
      return SipResponses.messageFactory().createRequest(
          optionsText(transport, from, to, UUID.randomUUID().toString()));
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
