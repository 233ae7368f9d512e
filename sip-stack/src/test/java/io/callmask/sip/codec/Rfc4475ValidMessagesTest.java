package io.callmask.sip.codec;

import static io.callmask.sip.codec.TestChannels.inbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Inbound;
import io.callmask.sip.message.InboundMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.stream.Stream;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages in the spirit of RFC 4475 §3.1.1 (valid but tortuous; written for this test, not copied
 * from the RFC): every one must decode, over UDP and over TCP.
 */
class Rfc4475ValidMessagesTest {

  static Stream<Arguments> validMessages() {
    return Stream.of(
        Arguments.of("3.1.1.1 short tortuous INVITE", TortureMessages.TORTUOUS_INVITE),
        Arguments.of("3.1.1.2 wide range of valid characters", TortureMessages.WIDE_CHARACTERS),
        Arguments.of("3.1.1.3 valid % escaping", TortureMessages.ESCAPES),
        Arguments.of("3.1.1.4 escaped nulls in URIs", TortureMessages.ESCAPED_NULLS),
        Arguments.of("3.1.1.5 % that is not an escape", TortureMessages.PERCENT_NOT_ESCAPE),
        Arguments.of("3.1.1.6 no LWS between display name and <", TortureMessages.NO_LWS_DISPLAY),
        Arguments.of("3.1.1.7 long values in header fields", TortureMessages.longValues()),
        Arguments.of("3.1.1.9 semicolons in URI user part", TortureMessages.SEMICOLON_USER),
        Arguments.of("3.1.1.10 varied and unknown transports", TortureMessages.TRANSPORTS),
        Arguments.of("3.1.1.11 multipart MIME body", TortureMessages.MULTIPART),
        Arguments.of("3.1.1.12 unusual reason phrase", TortureMessages.UNUSUAL_REASON),
        Arguments.of("3.1.1.13 empty reason phrase", TortureMessages.EMPTY_REASON),
        Arguments.of("3.1.1.13 no space before empty reason", TortureMessages.NO_REASON),
        Arguments.of("3.3.1 unknown method", TortureMessages.UNKNOWN_METHOD),
        Arguments.of("3.3.2 unknown URI scheme", TortureMessages.UNKNOWN_SCHEME),
        Arguments.of("3.3.3 known but atypical scheme", TortureMessages.ATYPICAL_SCHEME),
        Arguments.of("3.3.4 unknown URI schemes in headers",
            TortureMessages.UNKNOWN_SCHEMES_IN_HEADERS),
        Arguments.of("unknown headers and compact forms", TortureMessages.COMPACT_FORMS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validMessages")
  void decodesOverUdp(String name, String message) {
    EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));

    channel.writeInbound(datagram(message));

    assertDecoded(inbound(channel));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validMessages")
  void decodesOverTcp(String name, String message) {
    EmbeddedChannel channel = TestChannels.tcp(new SipStreamDecoder(CodecLimits.DEFAULTS));

    channel.writeInbound(Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));

    assertDecoded(inbound(channel));
  }

  @Test
  void tortuousInviteIsReadAsItsAuthorMeantIt() {
    Request invite = decodeRequest(TortureMessages.TORTUOUS_INVITE);

    assertThat(invite.getMethod()).isEqualTo("INVITE");
    assertThat(((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber()).isEqualTo(9);
    assertThat(((MaxForwardsHeader) invite.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
        .isEqualTo(68);
    assertThat(((FromHeader) invite.getHeader(FromHeader.NAME)).getTag()).isEqualTo("k3z9p");
    List<String> branches = new ArrayList<>();
    for (ListIterator<?> vias = invite.getHeaders(ViaHeader.NAME); vias.hasNext(); ) {
      branches.add(((ViaHeader) vias.next()).getBranch());
    }
    assertThat(branches).containsExactly("z9hG4bKtort1", "z9hG4bKtort2", "z9hG4bKtort3");
    assertThat(invite.getHeader("NewFangledHeader").toString())
        .contains("odd value continued odd value");
    assertThat(invite.getRawContent()).hasSize(invite.getContentLength().getContentLength());
  }

  @Test
  void wideCharacterRequestKeepsItsUnusualMethodAndCallId() {
    Request request = decodeRequest(TortureMessages.WIDE_CHARACTERS);

    assertThat(request.getMethod()).isEqualTo("!odd-Method_0123456789*+`.%sure'~");
    assertThat(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId())
        .isEqualTo("wide.chars%QX-!.*_+'@host`~)(><:\\/\"][?}{");
  }

  @Test
  void unusualReasonPhraseSurvivesInUtf8() {
    EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));
    channel.writeInbound(datagram(TortureMessages.UNUSUAL_REASON));

    Response response = ((InboundMessage) inbound(channel).get(0)).response();

    assertThat(response.getReasonPhrase()).isEqualTo("Ок = 2**3 · 5 ¿ничего?");
  }

  @Test
  void onlyFirstOfTwoRequestsInOneDatagramIsRead() {
    EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));

    channel.writeInbound(datagram(TortureMessages.TWO_REQUESTS_ONE_DATAGRAM));

    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).singleElement().isInstanceOfSatisfying(InboundMessage.class,
        m -> assertThat(m.request().getMethod()).isEqualTo("REGISTER"));
  }

  private static Request decodeRequest(String message) {
    EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));
    channel.writeInbound(datagram(message));
    return ((InboundMessage) inbound(channel).get(0)).request();
  }

  private static void assertDecoded(List<Inbound> decoded) {
    assertThat(decoded).singleElement().isInstanceOf(InboundMessage.class);
  }

  private static DatagramPacket datagram(String message) {
    return new DatagramPacket(Unpooled.copiedBuffer(message, StandardCharsets.UTF_8),
        TestChannels.LOCAL, TestChannels.REMOTE);
  }
}
