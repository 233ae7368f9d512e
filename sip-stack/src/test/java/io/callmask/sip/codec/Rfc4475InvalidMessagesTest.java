package io.callmask.sip.codec;

import static io.callmask.sip.codec.TestChannels.inbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Inbound;
import io.callmask.sip.message.MalformedMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import javax.sip.message.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages in the spirit of RFC 4475 §3.1.2 (invalid; written for this test), plus the other
 * malformations RFC 3261 names: each must come up as a malformed value with a short reason,
 * answered with 400 (505 for the version) when it is a request that names its transaction, and
 * never answered when it is a response.
 */
class Rfc4475InvalidMessagesTest {

  private static final int NONE = 0;

  static Stream<Arguments> invalidMessages() {
    return Stream.of(
        Arguments.of("3.1.2.1 extraneous separators in Via",
            request("Via: SIP/2.0/UDP 192.0.2.15;;,;,,"), "bad Via", 400),
        Arguments.of("3.1.2.1 extraneous separators in Contact",
            request("Contact: \"Joe\" <sip:joe@example.org>;;;;"), "bad Contact", 400),
        Arguments.of("3.1.2.2 Content-Length larger than datagram",
            requestWithLength("9999", "v=0\r\n"), "Content-Length exceeds datagram", 400),
        Arguments.of("3.1.2.3 negative Content-Length",
            requestWithLength("-999", ""), "bad Content-Length", 400),
        Arguments.of("3.1.2.4 overlarge CSeq",
            replaced("CSeq: 8 OPTIONS", "CSeq: 36893488147419103232 OPTIONS"), "bad CSeq", NONE),
        Arguments.of("3.1.2.4 CSeq of 2**31",
            replaced("CSeq: 8 OPTIONS", "CSeq: 2147483648 OPTIONS"), "bad CSeq", 400),
        Arguments.of("3.1.2.4 overlarge Max-Forwards",
            replaced("Max-Forwards: 70", "Max-Forwards: 300"), "bad Max-Forwards", 400),
        Arguments.of("3.1.2.4 overlarge Expires",
            request("Expires: 10000000000000000000"), "bad Expires", 400),
        Arguments.of("3.1.2.4 overlarge Contact expires",
            request("Contact: <sip:user@host.example.org>;expires=280297596632815"),
            "bad Contact", 400),
        Arguments.of("3.1.2.5 response with four-digit warn-code",
            response("Warning: 1812 overture \"In the beginning\""), "bad Warning", NONE),
        Arguments.of("3.1.2.5 response with overlarge Retry-After",
            response("Retry-After: 18446744073709551616"), "bad Retry-After", NONE),
        Arguments.of("3.1.2.6 unterminated quoted display name",
            replaced("To: <sip:ann@example.com>", "To: \"Mr. J. User <sip:ann@example.com>"),
            "bad To", NONE),
        Arguments.of("3.1.2.7 <> around Request-URI",
            startLine("OPTIONS <sip:ann@example.com> SIP/2.0"), "bad Request-URI", 400),
        Arguments.of("3.1.2.8 LWS inside Request-URI",
            startLine("OPTIONS sip:ann@example.com;lr; x=y SIP/2.0"), "bad Request-URI", 400),
        Arguments.of("3.1.2.9 several spaces between request-line elements",
            startLine("OPTIONS  sip:ann@example.com   SIP/2.0"), "bad request line", 400),
        Arguments.of("3.1.2.10 trailing space in request line",
            startLine("OPTIONS sip:ann@example.com SIP/2.0 "), "bad request line", 400),
        Arguments.of("3.1.2.11 escaped headers in Request-URI",
            startLine("OPTIONS sip:ann@example.com?Route=%3Csip:example.com%3E SIP/2.0"),
            "bad Request-URI", 400),
        Arguments.of("3.1.2.12 Date not in GMT",
            request("Date: Fri, 01 Jan 2010 16:00:00 EST"), "bad Date", 400),
        Arguments.of("3.1.2.13 addr-spec with headers outside <>",
            request("Contact: sip:ann@example.com?Route=%3Csip:sip.example.com%3E"),
            "bad Contact", 400),
        Arguments.of("3.1.2.14 space inside addr-spec",
            replaced("To: <sip:ann@example.com>", "To: \"Ann Lee\" <sip:ann@ example.com>"),
            "bad To", NONE),
        Arguments.of("3.1.2.15 non-token characters in unquoted display name",
            replaced("To: <sip:ann@example.com>", "To: Lee, Ann <sip:ann@example.com>"),
            "bad To", 400),
        Arguments.of("3.1.2.16 unknown SIP version",
            startLine("OPTIONS sip:ann@example.com SIP/7.0"), "unsupported SIP version", 505),
        Arguments.of("3.1.2.17 CSeq method differs from request method",
            replaced("CSeq: 8 OPTIONS", "CSeq: 8 INVITE"), "CSeq method mismatch", 400),
        Arguments.of("3.1.2.18 unknown method with CSeq mismatch",
            startLine("NEWMETHOD sip:ann@example.com SIP/2.0"), "CSeq method mismatch", 400),
        Arguments.of("3.1.2.19 overlarge response code",
            SipText.ok().replace("SIP/2.0 200 OK", "SIP/2.0 4294967301 big"),
            "bad status code", NONE),
        Arguments.of("missing Via", without("Via"), "missing Via", NONE),
        Arguments.of("missing From", without("From"), "missing From", NONE),
        Arguments.of("missing To", without("To"), "missing To", NONE),
        Arguments.of("missing Call-ID", without("Call-ID"), "missing Call-ID", NONE),
        Arguments.of("missing CSeq", without("CSeq"), "missing CSeq", NONE),
        Arguments.of("missing Max-Forwards in a request", without("Max-Forwards"),
            "missing Max-Forwards", 400),
        Arguments.of("duplicate From", request("From: <sip:eve@example.net>;tag=x"),
            "duplicate From", 400),
        Arguments.of("duplicate To in compact form", request("t: <sip:eve@example.net>"),
            "duplicate To", 400),
        Arguments.of("duplicate Call-ID", request("i: other@example.net"), "duplicate Call-ID", 400),
        Arguments.of("duplicate CSeq", request("CSeq: 8 OPTIONS"), "duplicate CSeq", 400),
        Arguments.of("duplicate Max-Forwards", request("Max-Forwards: 70"),
            "duplicate Max-Forwards", 400),
        Arguments.of("two equal Content-Lengths", request("l: 0"), "duplicate Content-Length", 400),
        Arguments.of("comma list in Content-Length", requestWithLength("0, 0", ""),
            "bad Content-Length", 400),
        Arguments.of("Content-Length with a sign", requestWithLength("+0", ""),
            "bad Content-Length", 400),
        Arguments.of("bare CR inside a header",
            request("Subject: one\rtwo"), "control character in header", 400),
        Arguments.of("header line without colon", request("NoColonHere"), "bad header line", 400),
        Arguments.of("folded line before any header",
            startLine("OPTIONS sip:ann@example.com SIP/2.0\r\n  folded"),
            "folded line before first header", NONE),
        Arguments.of("Route without angle brackets",
            request("Route: sip:proxy.example.com;lr"), "bad Route", 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMessages")
  void isMalformedWithExpectedRejection(String name, String message, String reason, int status) {
    EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));

    channel.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(message, StandardCharsets.UTF_8),
        TestChannels.LOCAL, TestChannels.REMOTE));

    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).singleElement().isInstanceOf(MalformedMessage.class);
    MalformedMessage malformed = (MalformedMessage) decoded.get(0);
    assertThat(malformed.reason()).isEqualTo(reason);
    if (status == NONE) {
      assertThat(malformed.rejection()).isEmpty();
    } else {
      Response rejection = malformed.rejection().orElseThrow();
      assertThat(rejection.getStatusCode()).isEqualTo(status);
      if (status == 400) {
        assertThat(rejection.getReasonPhrase()).isEqualTo("Bad Request (" + reason + ")");
      }
    }
  }

  /** A valid OPTIONS, the one every case breaks in one place. */
  private static String base() {
    return TortureMessages.sip("""
        OPTIONS sip:ann@example.com SIP/2.0
        Via: SIP/2.0/UDP client.example.net;branch=z9hG4bKbad1
        Max-Forwards: 70
        From: <sip:ben@example.net>;tag=b1
        To: <sip:ann@example.com>
        Call-ID: invalid-1@client.example.net
        CSeq: 8 OPTIONS
        Content-Length: {len}

        """, "");
  }

  private static String request(String extraHeader) {
    return base().replace("Content-Length:", extraHeader + "\r\nContent-Length:");
  }

  private static String requestWithLength(String contentLength, String body) {
    return base().replace("Content-Length: 0", "Content-Length: " + contentLength) + body;
  }

  private static String replaced(String line, String replacement) {
    return base().replace(line, replacement);
  }

  private static String startLine(String line) {
    return replaced("OPTIONS sip:ann@example.com SIP/2.0", line);
  }

  private static String without(String header) {
    return base().replaceFirst(header + ": [^\r]*\r\n", "");
  }

  private static String response(String extraHeader) {
    return SipText.ok(extraHeader);
  }
}
