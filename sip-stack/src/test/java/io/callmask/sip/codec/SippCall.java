package io.callmask.sip.codec;

import java.util.Random;

/**
 * The messages of a call as the benchmark's SIPp scenarios ({@code scripts/sipp/caller.xml})
 * send them, with the scenario's fields filled in at random: local and remote addresses (IPv4 or
 * IPv6), ports, transports, numbers, branches, tags, Call-IDs and, in a dialog, Route sets.
 */
final class SippCall {

  private static final String[] ADDRESSES = {"127.0.0.1", "192.0.2.44", "[::1]",
      "[2001:db8::5]", "10.1.2.3"};
  private static final String[] TRANSPORTS = {"UDP", "TCP"};

  private SippCall() {}

  /** An INVITE with an SDP offer, as caller.xml sends it. */
  static String invite(Random random) {
    String local = pick(random, ADDRESSES);
    String localPort = Integer.toString(5060 + random.nextInt(20));
    String transport = pick(random, TRANSPORTS);
    String sdp = "v=0\r\no=+9198" + random.nextInt(100_000_000) + " 53655765 2353687637 IN IP4 "
        + "192.0.2.44\r\ns=-\r\nc=IN IP4 192.0.2.44\r\nt=0 0\r\nm=audio "
        + (6000 + random.nextInt(20_000)) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    return SipText.message(new String[] {
        "INVITE sip:+9180" + random.nextInt(100_000_000) + "@" + pick(random, ADDRESSES) + ":5060"
            + " SIP/2.0",
        "Via: SIP/2.0/" + transport + " " + local + ":" + localPort + ";branch=z9hG4bK-"
            + random.nextInt(1_000_000) + "-1-0;rport",
        "Max-Forwards: 70",
        "From: <sip:+9198" + random.nextInt(100_000_000) + "@" + local + ":" + localPort
            + ">;tag=" + random.nextInt(100_000) + "SIPpTag00" + random.nextInt(1000),
        "To: <sip:+9180" + random.nextInt(100_000_000) + "@" + pick(random, ADDRESSES) + ":5060>",
        "Call-ID: " + random.nextInt(1000) + "-" + random.nextInt(100_000) + "@" + local,
        "CSeq: 1 INVITE",
        "Contact: <sip:gateway@" + local + ":" + localPort + ";transport="
            + transport.toLowerCase(java.util.Locale.ROOT) + ">",
        "Content-Type: application/sdp"}, new String[0], sdp);
  }

  /** An ACK or BYE in the dialog: last From and To, the Route set, no body. */
  static String inDialog(String method, Random random) {
    String local = pick(random, ADDRESSES);
    String remote = pick(random, ADDRESSES);
    return SipText.message(new String[] {
        method + " sip:callee@" + remote + ":5060;transport=udp SIP/2.0",
        "Via: SIP/2.0/UDP " + local + ":5061;branch=z9hG4bK-" + random.nextInt(1_000_000)
            + "-1-" + random.nextInt(4) + ";rport",
        "Max-Forwards: 70",
        "From: <sip:+9198" + random.nextInt(100_000_000) + "@" + local + ":5061>;tag="
            + random.nextInt(100_000) + "SIPpTag001",
        "To: <sip:+9180" + random.nextInt(100_000_000) + "@" + remote + ":5060>;tag="
            + Long.toHexString(random.nextLong()),
        "Route: <sip:" + remote + ":5060;lr>"
            + (random.nextBoolean() ? ", <sip:" + pick(random, ADDRESSES) + ";lr;ftag=x1>" : ""),
        "Call-ID: " + random.nextInt(1000) + "-" + random.nextInt(100_000) + "@" + local,
        "CSeq: " + (method.equals("ACK") ? "1" : "2") + " " + method}, new String[0], "");
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
