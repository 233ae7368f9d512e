package io.callmask.bench.codec;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A realistic INVITE as a carrier's SBC sends it: two Vias, Record-Route, P-Asserted-Identity,
 * Allow, Supported, Session-Expires and an SDP offer with several audio codecs. About 900 bytes;
 * the per-call fields vary from call to call.
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
      "INVITE sip:{called}@198.51.100.5:5060;user=phone SIP/2.0",
      "Via: SIP/2.0/UDP 203.0.113.20:5060;branch=z9hG4bK-{branch1};rport",
      "Via: SIP/2.0/UDP 10.20.30.40:5060;branch=z9hG4bK{branch2}",
      "Record-Route: <sip:203.0.113.20:5060;lr;ftag={tag}>",
      "Max-Forwards: 69",
      "From: \"{calling}\" <sip:{calling}@203.0.113.20;user=phone>;tag={tag}",
      "To: <sip:{called}@198.51.100.5;user=phone>",
      "Call-ID: {callId}@203.0.113.20",
      "CSeq: {cseq} INVITE",
      "Contact: <sip:{calling}@203.0.113.20:5060;transport=udp>",
      "P-Asserted-Identity: <sip:{calling}@203.0.113.20;user=phone>",
      "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, PRACK, UPDATE",
      "Supported: replaces, timer, 100rel",
      "Session-Expires: 1800;refresher=uac",
      "Content-Type: application/sdp",
      "Content-Length: " + SDP.getBytes(StandardCharsets.US_ASCII).length,
      "",
      "");

  private CarrierInvite() {}

  /**
   * The INVITE of call number {@code call}: its own Via branches, Call-ID, From tag, CSeq number
   * and calling and called numbers, as consecutive calls through a carrier differ. Deterministic.
   */
  static byte[] bytes(int call) {
    Random random = new Random(call);
    String text = HEADERS
        .replace("{calling}", "+9198" + digits(random, 8))
        .replace("{called}", "+9180" + digits(random, 8))
        .replace("{branch1}", hex(random, 12))
        .replace("{branch2}", hex(random, 8))
        .replace("{tag}", "as" + hex(random, 8))
        .replace("{callId}", hex(random, 16))
        .replace("{cseq}", Integer.toString(1 + random.nextInt(100_000)));
    return (text + SDP).getBytes(StandardCharsets.US_ASCII);
  }

  private static String digits(Random random, int count) {
    StringBuilder digits = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  private static String hex(Random random, int count) {
    StringBuilder hex = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      hex.append(Character.forDigit(random.nextInt(16), 16));
    }
    return hex.toString();
  }
}
