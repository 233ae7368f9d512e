package io.callmask.bench.codec;

import java.nio.charset.StandardCharsets;

/**
 * A realistic INVITE as a carrier's SBC sends it: two Vias, Record-Route, P-Asserted-Identity,
 * Allow, Supported, Session-Expires and an SDP offer with several audio codecs. About 900 bytes.
 */
final class CarrierInvite {

  private static final String SDP = String.join("\r\n",
      "v=0",
      "o=SBC 1847 1847 IN IP4 203.0.113.20",
      "s=-",
      "c=IN IP4 203.0.113.21",
      "t=0 0",
      "m=audio 31456 RTP/AVP 8 0 18 101",
      "a=rtpmap:8 PCMA/8000",
      "a=rtpmap:0 PCMU/8000",
      "a=rtpmap:18 G729/8000",
      "a=rtpmap:101 telephone-event/8000",
      "a=ptime:20",
      "a=sendrecv",
      "");

  private static final String HEADERS = String.join("\r\n",
      "INVITE sip:+918045001111@198.51.100.5:5060;user=phone SIP/2.0",
      "Via: SIP/2.0/UDP 203.0.113.20:5060;branch=z9hG4bK-7d9f3c2e1a0b;rport",
      "Via: SIP/2.0/UDP 10.20.30.40:5060;branch=z9hG4bK2e8f6a1c",
      "Record-Route: <sip:203.0.113.20:5060;lr;ftag=as5f1c2d3e>",
      "Max-Forwards: 69",
      "From: \"+919876543210\" <sip:+919876543210@203.0.113.20;user=phone>;tag=as5f1c2d3e",
      "To: <sip:+918045001111@198.51.100.5;user=phone>",
      "Call-ID: 4f1e2d3c5b6a7988@203.0.113.20",
      "CSeq: 102 INVITE",
      "Contact: <sip:+919876543210@203.0.113.20:5060;transport=udp>",
      "P-Asserted-Identity: <sip:+919876543210@203.0.113.20;user=phone>",
      "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, PRACK, UPDATE",
      "Supported: replaces, timer, 100rel",
      "Session-Expires: 1800;refresher=uac",
      "Content-Type: application/sdp",
      "Content-Length: " + SDP.getBytes(StandardCharsets.US_ASCII).length,
      "",
      "");

  private CarrierInvite() {}

  static byte[] bytes() {
    return (HEADERS + SDP).getBytes(StandardCharsets.US_ASCII);
  }
}
