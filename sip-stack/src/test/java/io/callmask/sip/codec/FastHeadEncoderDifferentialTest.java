package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import io.callmask.sip.message.Inbound;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.SipResponses;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * The fast head encoder against JAIN SIP's {@code SIPMessage.encodeMessage(StringBuilder)}, the
 * encoder before it: on RFC 4475 messages, carrier traffic and SIPp-style call messages parsed by
 * callmask's parser, messages built through the JAIN SIP factories as the B2BUA builds them, and
 * those messages changed at random through the API, every head and every message's bytes must be
 * exactly what the old path wrote.
 */
class FastHeadEncoderDifferentialTest {

  @Test
  void writesWhatJainSipWritesForEveryMessage() throws Exception {
    List<Message> corpus = new ArrayList<>();
    for (String text : parsedTexts()) {
      corpus.add(parsed(text));
    }
    corpus.addAll(new OutboundTraffic(20_261_122).messages(1_500));
    int headers = 0;
    int written = 0;
    for (Message message : corpus) {
      assertSameAsJainSip(message);
      for (Iterator<?> it = ((SIPMessage) message).getHeaders(); it.hasNext(); ) {
        headers++;
        written += FastHeadEncoder.writesItself((SIPHeader) it.next()) ? 1 : 0;
      }
    }

    assertThat(corpus).hasSizeGreaterThan(6_000);
    // Allow, Supported, Session-Expires, Require, Expires and unusual shapes are left to JAIN SIP.
    assertThat(written).isGreaterThan(headers * 80 / 100);
  }

  @Test
  void writesWhatJainSipWritesAfterChangesThroughTheApi() throws Exception {
    Random random = new Random(4475);
    List<Message> seeds = new ArrayList<>(new OutboundTraffic(7).messages(200));
    for (String text : new CarrierTraffic(9).messages(200)) {
      seeds.add(parsed(text));
    }
    for (int i = 0; i < 4_000; i++) {
      Message message = (Message) seeds.get(random.nextInt(seeds.size())).clone();
      MessageEdits.apply(message, random);
      MessageEdits.apply(message, random);
      assertSameAsJainSip(message);
    }
  }

  @Test
  void writesEveryHeaderOfACallsMessagesItself() throws Exception {
    Request invite = (Request) parsed(SippCall.invite(new Random(1)));
    // As callmask's B2BUA adds them to the INVITE of its outgoing leg.
    invite.addHeader(SipResponses.headerFactory().createHeader("P-Asserted-Identity",
        "<sip:+919800001111@192.0.2.44>"));
    invite.addHeader(SipResponses.headerFactory().createAllowHeader("INVITE"));
    invite.addHeader(SipResponses.headerFactory().createAllowHeader("ACK"));
    List<Message> call = List.of(invite, SipResponses.create(invite, 100),
        SipResponses.create(invite, 180, "t1"), SipResponses.create(invite, 200, "t1"),
        parsed(SippCall.inDialog("ACK", new Random(2))),
        parsed(SippCall.inDialog("BYE", new Random(3))));
    for (Message message : call) {
      for (Iterator<?> it = ((SIPMessage) message).getHeaders(); it.hasNext(); ) {
        SIPHeader header = (SIPHeader) it.next();
        assertThat(FastHeadEncoder.writesItself(header)).as(header.encode()).isTrue();
      }
      assertSameAsJainSip(message);
    }
  }

  @Test
  void leavesUnusualShapesToJainSip() throws Exception {
    Request request = (Request) parsed(SippCall.invite(new Random(4)));
    ContactHeader wildcard = SipResponses.headerFactory().createContactHeader();
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    via.setTransport("udp");
    FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
    from.setAddress(SipResponses.addressFactory().createAddress("sip:bob@example.com"));
    request.setHeader(wildcard);

    assertThat(FastHeadEncoder.writesItself((SIPHeader) wildcard)).isFalse();
    assertThat(FastHeadEncoder.writesItself((SIPHeader) request.getHeader(ViaHeader.NAME)))
        .isFalse();
    assertSameAsJainSip(request);
    assertThat(text(request)).contains("Via: SIP/2.0/UDP ").contains("Contact: *\r\n");
  }

  private static void assertSameAsJainSip(Message message) {
    SIPMessage sip = (SIPMessage) message;
    StringBuilder fast = new StringBuilder();
    FastHeadEncoder.encode(sip, fast);
    StringBuilder old = new StringBuilder();
    sip.encodeMessage(old);
    assertThat(fast.toString()).isEqualTo(old.toString());

    byte[] bytes = SipMessageEncoder.wireBytes(message);
    byte[] body = message.getRawContent() == null ? new byte[0] : message.getRawContent();
    StringBuilder head = new StringBuilder();
    sip.encodeMessage(head);
    byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] expected = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, expected, 0, headBytes.length);
    System.arraycopy(body, 0, expected, headBytes.length, body.length);
    assertThat(bytes).isEqualTo(expected);
  }

  private static List<String> parsedTexts() {
    List<String> texts = new ArrayList<>();
    Rfc4475ValidMessagesTest.validMessages().forEach(a -> texts.add((String) a.get()[1]));
    texts.addAll(List.of(SipText.options(), SipText.ok(), SipText.invite("enc-1"),
        CarrierTraffic.BENCHMARK_INVITE));
    texts.addAll(new CarrierTraffic(20_261_121).messages(3_000));
    Random random = new Random(3261);
    for (int i = 0; i < 500; i++) {
      texts.add(SippCall.invite(random));
      texts.add(SippCall.inDialog(random.nextBoolean() ? "ACK" : "BYE", random));
    }
    return texts;
  }

  /** {@code text} as callmask's datagram decoder hands it up, body included. */
  private static Message parsed(String text) {
    EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));
    channel.writeInbound(TestChannels.datagram(text));
    List<Inbound> inbound = TestChannels.inbound(channel);
    assertThat(inbound).as(text).singleElement().isInstanceOf(InboundMessage.class);
    return ((InboundMessage) inbound.get(0)).message();
  }

  private static String text(Message message) {
    return new String(SipMessageEncoder.wireBytes(message), StandardCharsets.UTF_8);
  }
}
