package io.callmask.sip.codec;

import static io.callmask.sip.codec.TestChannels.bytes;
import static io.callmask.sip.codec.TestChannels.inbound;
import static io.callmask.sip.codec.TestChannels.outbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Inbound;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.MalformedMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipStreamDecoderTest {

  private final EmbeddedChannel channel =
      TestChannels.tcp(new SipStreamDecoder(CodecLimits.DEFAULTS));

  @Test
  void decodesRequestDeliveredByteByByte() {
    byte[] invite = SipText.invite("frag-1").getBytes(StandardCharsets.UTF_8);
    for (byte b : invite) {
      assertThat(inbound(channel)).isEmpty();
      channel.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {b}));
    }

    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).singleElement().isInstanceOf(InboundMessage.class);
    InboundMessage message = (InboundMessage) decoded.get(0);
    assertThat(message.request().getMethod()).isEqualTo(Request.INVITE);
    assertThat(message.request().getRawContent()).hasSize(
        message.request().getContentLength().getContentLength()).isNotEmpty();
    assertThat(message.peer()).isEqualTo(
        new Peer(Transport.TCP, TestChannels.REMOTE, TestChannels.LOCAL));
  }

  @Test
  void decodesSeveralMessagesCoalescedInOneBuffer() {
    channel.writeInbound(bytes(SipText.invite("co-1") + SipText.options() + SipText.invite("co-2")));

    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).hasSize(3).allMatch(InboundMessage.class::isInstance);
    assertThat(callId(decoded.get(0))).isEqualTo("co-1");
    assertThat(((InboundMessage) decoded.get(1)).request().getMethod()).isEqualTo("OPTIONS");
    assertThat(callId(decoded.get(2))).isEqualTo("co-2");
  }

  @Test
  void keepsSecondMessageFragmentUntilItCompletes() {
    String second = SipText.invite("split-2");
    channel.writeInbound(bytes(SipText.options() + second.substring(0, 100)));
    assertThat(inbound(channel)).hasSize(1);

    channel.writeInbound(bytes(second.substring(100)));
    assertThat(inbound(channel)).singleElement().satisfies(i -> assertThat(callId(i)).isEqualTo("split-2"));
  }

  @Test
  void answersDoubleCrlfPingWithSingleCrlfPong() {
    channel.writeInbound(bytes("\r\n\r\n"));

    assertThat(outbound(channel)).isEqualTo("\r\n");
    assertThat(inbound(channel)).isEmpty();
  }

  @Test
  void answersPingArrivingInTwoHalves() {
    channel.writeInbound(bytes("\r\n"));
    assertThat(outbound(channel)).isEmpty();

    channel.writeInbound(bytes("\r\n"));
    assertThat(outbound(channel)).isEqualTo("\r\n");
  }

  @Test
  void skipsSingleCrlfBetweenMessagesWithoutAnswering() {
    channel.writeInbound(bytes(SipText.options() + "\r\n" + SipText.options()));

    assertThat(inbound(channel)).hasSize(2).allMatch(InboundMessage.class::isInstance);
    assertThat(outbound(channel)).isEmpty();
  }

  @Test
  void pingBetweenMessagesIsAnsweredAndMessagesStillDecode() {
    channel.writeInbound(bytes(SipText.options() + "\r\n\r\n" + SipText.options()));

    assertThat(inbound(channel)).hasSize(2).allMatch(InboundMessage.class::isInstance);
    assertThat(outbound(channel)).isEqualTo("\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"l: ", "L:", "content-length : ", "CONTENT-LENGTH:\t", "Content-Length   :  "})
  void framesByContentLengthInAnyForm(String header) {
    String body = "v=0\r\n";
    String message = SipText.raw(body,
        "MESSAGE sip:alice@example.com SIP/2.0",
        "Via: SIP/2.0/TCP client.example.net;branch=z9hG4bKcl",
        "Max-Forwards: 70",
        "From: <sip:bob@example.net>;tag=f",
        "To: <sip:alice@example.com>",
        "Call-ID: cl@client.example.net",
        "CSeq: 2 MESSAGE",
        "Content-Type: text/plain",
        header + body.length());

    channel.writeInbound(bytes(message + SipText.options()));

    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).hasSize(2).allMatch(InboundMessage.class::isInstance);
    assertThat(((InboundMessage) decoded.get(0)).request().getRawContent())
        .isEqualTo(body.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void rejectsRequestWithoutContentLengthAndClosesConnection() {
    String noLength = SipText.raw("",
        "OPTIONS sip:alice@example.com SIP/2.0",
        "Via: SIP/2.0/TCP client.example.net;branch=z9hG4bKnocl",
        "Max-Forwards: 70",
        "From: <sip:bob@example.net>;tag=f",
        "To: <sip:alice@example.com>",
        "Call-ID: nocl@client.example.net",
        "CSeq: 1 OPTIONS");

    channel.writeInbound(bytes(noLength + SipText.options()));

    MalformedMessage malformed = onlyMalformed();
    assertThat(malformed.reason()).isEqualTo("missing Content-Length");
    assertThat(malformed.rejection()).hasValueSatisfying(r -> {
      assertThat(r.getStatusCode()).isEqualTo(400);
      assertThat(r.getReasonPhrase()).isEqualTo("Bad Request (missing Content-Length)");
    });
    channel.runPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void rejectsHeadersThatNeverEndWithinTheLimitAndCloses() {
    EmbeddedChannel small = TestChannels.tcp(new SipStreamDecoder(new CodecLimits(1024, 64)));
    small.writeInbound(bytes("OPTIONS sip:alice@example.com SIP/2.0\r\n"));
    for (int i = 0; i < 40 && small.isOpen(); i++) {
      small.writeInbound(bytes("X-Filler: " + "a".repeat(40) + "\r\n"));
    }

    List<Inbound> decoded = inbound(small);
    assertThat(decoded).singleElement().isInstanceOfSatisfying(MalformedMessage.class, m -> {
      assertThat(m.reason()).isEqualTo("message too large");
      assertThat(m.rejection()).isEmpty();
    });
    small.runPendingTasks();
    assertThat(small.isOpen()).isFalse();
  }

  @Test
  void rejectsContentLengthBeyondTheLimitWithoutWaitingForTheBody() {
    EmbeddedChannel small = TestChannels.tcp(new SipStreamDecoder(new CodecLimits(1024, 64)));
    small.writeInbound(bytes(SipText.options().replace("Content-Length: 0", "Content-Length: 5000")));

    MalformedMessage malformed = (MalformedMessage) inbound(small).get(0);
    assertThat(malformed.reason()).isEqualTo("message too large");
    assertThat(malformed.rejection()).hasValueSatisfying(r -> assertThat(r.getStatusCode()).isEqualTo(400));
    small.runPendingTasks();
    assertThat(small.isOpen()).isFalse();
  }

  @Test
  void discardsInputAfterFramingIsLost() {
    String badLength = SipText.options().replace("Content-Length: 0", "Content-Length: -1");

    channel.writeInbound(bytes(badLength + SipText.options()));

    assertThat(inbound(channel)).singleElement().isInstanceOf(MalformedMessage.class);
  }

  @Test
  void malformedResponseIsNeverAnswered() {
    channel.writeInbound(bytes(SipText.ok().replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS")));

    MalformedMessage malformed = onlyMalformed();
    assertThat(malformed.reason()).isEqualTo("bad CSeq");
    assertThat(malformed.rejection()).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  private MalformedMessage onlyMalformed() {
    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).singleElement().isInstanceOf(MalformedMessage.class);
    return (MalformedMessage) decoded.get(0);
  }

  private static String callId(Inbound inbound) {
    return ((CallIdHeader) ((InboundMessage) inbound).message().getHeader(CallIdHeader.NAME))
        .getCallId();
  }
}
