package io.callmask.sip.codec;

import static io.callmask.sip.codec.TestChannels.datagram;
import static io.callmask.sip.codec.TestChannels.inbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.SipResponses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class SipMessageEncoderTest {

  @Test
  void encodedMessageDecodesToTheSameMessage() {
    Request invite = decode(SipText.invite("round-1")).request();

    String encoded = encodeToString(invite);

    Request again = decode(encoded).request();
    assertThat(again).isEqualTo(invite);
    assertThat(again.getRawContent()).isEqualTo(invite.getRawContent());
    assertThat(encoded).startsWith("INVITE sip:alice@example.com SIP/2.0\r\n")
        .contains("\r\nContent-Length: " + invite.getRawContent().length + "\r\n\r\nv=0\r\n");
  }

  @Test
  void correctsContentLengthThatNoLongerMatchesTheBody() throws Exception {
    Request invite = decode(SipText.invite("stale-1")).request();
    invite.getContentLength().setContentLength(3);

    String encoded = encodeToString(invite);

    int bodyLength = invite.getRawContent().length;
    assertThat(encoded).contains("Content-Length: " + bodyLength + "\r\n");
    assertThat(encoded.substring(encoded.indexOf("\r\n\r\n") + 4)).hasSize(bodyLength);
  }

  @Test
  void writesContentLengthZeroForBodilessResponse() {
    Response ok = SipResponses.create(decode(SipText.options()).request(), 200, "t9");

    String encoded = encodeToString(ok);

    assertThat(encoded).startsWith("SIP/2.0 200 OK\r\n").endsWith("Content-Length: 0\r\n\r\n");
  }

  @Test
  void encodesBodySetThroughTheGenericApi() throws Exception {
    Request options = decode(SipText.options()).request();
    ContentTypeHeader type = SipResponses.headerFactory().createContentTypeHeader("text", "plain");
    options.setContent("héllo", type);

    String encoded = encodeToString(options);

    assertThat(encoded).contains("Content-Length: 6\r\n").endsWith("\r\n\r\nhéllo");
  }

  @Test
  void encodesNonAsciiHeaderTextAsUtf8() throws Exception {
    Request options = decode(SipText.options()).request();
    ((javax.sip.header.FromHeader) options.getHeader("From")).getAddress().setDisplayName("Zoë");

    String encoded = encodeToString(options);

    assertThat(encoded).contains("\"Zoë\" <").endsWith("Content-Length: 0\r\n\r\n");
    assertThat(EncodedMessage.of(options).length())
        .isEqualTo(encoded.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void encodesAMessageLargerThanTheScratchBuilderKeepsAndThenSmallOnes() throws Exception {
    Request big = decode(SipText.options()).request();
    big.addHeader(SipResponses.headerFactory().createHeader("X-Padding", "p".repeat(40_000)));
    Request small = decode(SipText.options()).request();

    String encodedBig = encodeToString(big);
    String encodedSmall = encodeToString(small);

    assertThat(encodedBig).contains("X-Padding: " + "p".repeat(40_000) + "\r\n");
    assertThat(encodedSmall).doesNotContain("X-Padding").startsWith("OPTIONS ");
    assertThat(decode(encodedSmall).request()).isEqualTo(small);
  }

  @Test
  void leavesTheTopViaTransportAlone() {
    Request options = decode(SipText.options()).request();

    SipMessageEncoder.encode(UnpooledByteBufAllocator.DEFAULT, options).release();

    assertThat(((ViaHeader) options.getHeader(ViaHeader.NAME)).getTransport()).isEqualTo("UDP");
  }

  @Test
  void streamEncoderWritesTheSameBytesAsTheStaticEncoder() {
    Request invite = decode(SipText.invite("stream-1")).request();
    EmbeddedChannel channel = new EmbeddedChannel(SipMessageEncoder.INSTANCE);

    channel.writeOutbound(invite);

    assertThat(TestChannels.outbound(channel)).isEqualTo(encodeToString(invite));
  }

  private static InboundMessage decode(String text) {
    EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));
    channel.writeInbound(datagram(text));
    return (InboundMessage) inbound(channel).get(0);
  }

  private static String encodeToString(Message message) {
    ByteBuf buf = SipMessageEncoder.encode(UnpooledByteBufAllocator.DEFAULT, message);
    try {
      return buf.toString(StandardCharsets.UTF_8);
    } finally {
      buf.release();
    }
  }
}
