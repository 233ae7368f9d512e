package io.callmask.sip.codec;

import static io.callmask.sip.codec.TestChannels.datagram;
import static io.callmask.sip.codec.TestChannels.inbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Inbound;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.MalformedMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipDatagramDecoderTest {

  private final EmbeddedChannel channel =
      new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));

  @Test
  void decodesRequestWithSenderAndRecipient() {
    channel.writeInbound(datagram(SipText.options()));

    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).singleElement().isInstanceOf(InboundMessage.class);
    assertThat(decoded.get(0).peer())
        .isEqualTo(new Peer(Transport.UDP, TestChannels.REMOTE, TestChannels.LOCAL));
  }

  @Test
  void datagramsFromOneSenderShareOnePeer() {
    channel.writeInbound(datagram(SipText.options()));
    channel.writeInbound(new DatagramPacket(TestChannels.bytes(SipText.options()),
        new InetSocketAddress(TestChannels.LOCAL.getAddress(), TestChannels.LOCAL.getPort()),
        new InetSocketAddress(TestChannels.REMOTE.getAddress(), TestChannels.REMOTE.getPort())));

    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).hasSize(2);
    assertThat(decoded.get(1).peer()).isSameAs(decoded.get(0).peer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\n", "\r\n\r\n", "\n", "\r\n\r\n\r\n"})
  void ignoresKeepAlive(String crlfs) {
    channel.writeInbound(datagram(crlfs));

    assertThat(inbound(channel)).isEmpty();
  }

  @Test
  void skipsLineEndsBeforeTheStartLine() {
    channel.writeInbound(datagram("\r\n\r\n" + SipText.options()));

    assertThat(inbound(channel)).singleElement().isInstanceOf(InboundMessage.class);
  }

  @Test
  void acceptsDatagramWithoutContentLength() {
    channel.writeInbound(datagram(SipText.options().replace("Content-Length: 0\r\n", "")));

    assertThat(inbound(channel)).singleElement().isInstanceOf(InboundMessage.class);
  }

  @Test
  void rejectsBodyShorterThanContentLengthWith400() {
    String truncated = SipText.invite("short-1");
    truncated = truncated.substring(0, truncated.length() - 10);

    channel.writeInbound(datagram(truncated));

    MalformedMessage malformed = onlyMalformed();
    assertThat(malformed.reason()).isEqualTo("Content-Length exceeds datagram");
    Response rejection = malformed.rejection().orElseThrow();
    assertThat(rejection.getStatusCode()).isEqualTo(400);
    assertThat(((CSeqHeader) rejection.getHeader(CSeqHeader.NAME)).getMethod()).isEqualTo("INVITE");
    assertThat(((ViaHeader) rejection.getHeader(ViaHeader.NAME)).getBranch()).isEqualTo("z9hG4bKshort-1");
  }

  @Test
  void discardsOctetsBeyondContentLength() {
    channel.writeInbound(datagram(SipText.options() + SipText.invite("trailing")));

    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).singleElement().isInstanceOfSatisfying(InboundMessage.class, m -> {
      assertThat(m.request().getMethod()).isEqualTo("OPTIONS");
      assertThat(m.request().getRawContent()).isNullOrEmpty();
    });
  }

  @Test
  void malformedResponseCarriesNoRejection() {
    channel.writeInbound(datagram(SipText.ok().replace("To: <sip:alice@example.com>;tag=t1\r\n", "")));

    MalformedMessage malformed = onlyMalformed();
    assertThat(malformed.reason()).isEqualTo("missing To");
    assertThat(malformed.rejection()).isEmpty();
  }

  @Test
  void malformedAckIsNeverAnswered() {
    String ack = SipText.options().replace("OPTIONS sip:", "ACK sip:")
        .replace("CSeq: 1 OPTIONS", "CSeq: 1 ACK").replace("Max-Forwards: 70", "Max-Forwards: 700");

    channel.writeInbound(datagram(ack));

    MalformedMessage malformed = onlyMalformed();
    assertThat(malformed.reason()).isEqualTo("bad Max-Forwards");
    assertThat(malformed.rejection()).isEmpty();
  }

  @Test
  void requestMissingTransactionHeadersIsDroppedWithoutRejection() {
    channel.writeInbound(datagram(SipText.options().replace("Call-ID: opt-1@client.example.net\r\n", "")));

    MalformedMessage malformed = onlyMalformed();
    assertThat(malformed.reason()).isEqualTo("missing Call-ID");
    assertThat(malformed.rejection()).isEmpty();
  }

  @Test
  void rejectsOversizeDatagram() {
    EmbeddedChannel small = new EmbeddedChannel(new SipDatagramDecoder(new CodecLimits(1024, 64)));
    small.writeInbound(datagram(SipText.options("X-Filler: " + "z".repeat(1200))));

    assertThat(inbound(small)).singleElement().isInstanceOfSatisfying(MalformedMessage.class,
        m -> assertThat(m.reason()).isEqualTo("message too large"));
  }

  private MalformedMessage onlyMalformed() {
    List<Inbound> decoded = inbound(channel);
    assertThat(decoded).singleElement().isInstanceOf(MalformedMessage.class);
    return (MalformedMessage) decoded.get(0);
  }
}
