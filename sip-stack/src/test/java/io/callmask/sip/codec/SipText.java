package io.callmask.sip.codec;

/**
 * Builds SIP message text for tests: lines joined with CRLF, a correct Content-Length unless the
 * test writes its own.
 */
final class SipText {

  private SipText() {}

  /** A plain valid OPTIONS request with the given extra header lines. */
  static String options(String... extraHeaders) {
    return message(new String[] {
        "OPTIONS sip:alice@example.com SIP/2.0",
        "Via: SIP/2.0/UDP client.example.net:5060;branch=z9hG4bKopt1",
        "Max-Forwards: 70",
        "From: <sip:bob@example.net>;tag=f1",
        "To: <sip:alice@example.com>",
        "Call-ID: opt-1@client.example.net",
        "CSeq: 1 OPTIONS"}, extraHeaders, "");
  }

  /** A valid INVITE with a small SDP body and a correct Content-Length. */
  static String invite(String callId) {
    String sdp = "v=0\r\no=- 1 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\n"
        + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    return message(new String[] {
        "INVITE sip:alice@example.com SIP/2.0",
        "Via: SIP/2.0/TCP client.example.net:5060;branch=z9hG4bK" + callId,
        "Max-Forwards: 70",
        "From: \"Bob\" <sip:bob@example.net>;tag=f2",
        "To: <sip:alice@example.com>",
        "Call-ID: " + callId,
        "CSeq: 7 INVITE",
        "Contact: <sip:bob@198.51.100.7:5060;transport=tcp>",
        "Content-Type: application/sdp"}, new String[0], sdp);
  }

  /** A 200 OK response to an OPTIONS. */
  static String ok(String... extraHeaders) {
    return message(new String[] {
        "SIP/2.0 200 OK",
        "Via: SIP/2.0/UDP client.example.net:5060;branch=z9hG4bKopt1",
        "From: <sip:bob@example.net>;tag=f1",
        "To: <sip:alice@example.com>;tag=t1",
        "Call-ID: opt-1@client.example.net",
        "CSeq: 1 OPTIONS"}, extraHeaders, "");
  }

  /** Start line and headers as given, then Content-Length of {@code body}, then the body. */
  static String message(String[] lines, String[] extraHeaders, String body) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append("\r\n");
    }
    for (String line : extraHeaders) {
      text.append(line).append("\r\n");
    }
    text.append("Content-Length: ").append(utf8Length(body)).append("\r\n\r\n").append(body);
    return text.toString();
  }

  /** Lines joined with CRLF, an empty line after the headers, then {@code body}; no extras. */
  static String raw(String body, String... lines) {
    return String.join("\r\n", lines) + "\r\n\r\n" + body;
  }

  static int utf8Length(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
