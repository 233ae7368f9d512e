package io.callmask.sip.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.MalformedMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class InboundDispatcherTest {

  private static final HostPort SELF = new HostPort("127.0.0.1", 5060);
  private static final HostPort CLIENT = new HostPort("10.0.0.5", 5060);
  private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.7", 40000);

  private final RecordingListener listener = new RecordingListener();
  private final TransportCounters counters = new TransportCounters();
  private final EmbeddedChannel channel = new EmbeddedChannel(new InboundDispatcher(listener,
      counters, via -> ViaSentBy.of(via).names(SELF.host(), SELF.port()), CallWorkers.inline()));

  private static Request request() {
    return TestMessages.options(Transport.UDP, CLIENT, SELF);
  }

  @Test
  void stampsTheTopViaOfARequestBeforeHandingItUp() throws Exception {
    channel.writeInbound(new InboundMessage(request(), Peer.to(Transport.UDP, SOURCE)));

    ViaHeader via = (ViaHeader) listener.next().request().getHeader(ViaHeader.NAME);
    assertThat(via.getReceived()).isEqualTo("192.0.2.7");
    assertThat(via.getRPort()).isEqualTo(40000);
    assertThat(counters.received()).isEqualTo(1);
  }

  @Test
  void handsUpAResponseWhoseViaNamesThisNode() throws Exception {
    Response ok = SipResponses.create(TestMessages.options(Transport.UDP, SELF, CLIENT), 200);

    channel.writeInbound(new InboundMessage(ok, Peer.to(Transport.UDP, SOURCE)));

    assertThat(listener.next().response().getStatusCode()).isEqualTo(200);
  }

  @Test
  void dropsAResponseWhoseViaNamesAnotherNode() {
    Response ok = SipResponses.create(request(), 200);

    channel.writeInbound(new InboundMessage(ok, Peer.to(Transport.UDP, SOURCE)));

    assertThat(listener.hasMessages()).isFalse();
    assertThat(counters.dropped()).isEqualTo(1);
    assertThat(counters.received()).isZero();
  }

  @Test
  void answersMalformedTcpInputOnItsConnection() throws Exception {
    Response rejection = SipResponses.create(request(), 400);

    channel.writeInbound(new MalformedMessage("bad CSeq", Peer.to(Transport.TCP, SOURCE),
        Optional.of(rejection)));

    Object written = channel.readOutbound();
    assertThat(written).isSameAs(rejection);
    assertThat(listener.nextMalformed().reason()).isEqualTo("bad CSeq");
    assertThat(counters.malformed()).isEqualTo(1);
    assertThat(counters.rejected()).isEqualTo(1);
  }

  @Test
  void answersMalformedUdpInputWithADatagramToItsSource() {
    Response rejection = SipResponses.create(request(), 400);

    channel.writeInbound(new MalformedMessage("bad CSeq", Peer.to(Transport.UDP, SOURCE),
        Optional.of(rejection)));

    DatagramPacket sent = channel.readOutbound();
    try {
      assertThat(sent.recipient()).isEqualTo(SOURCE);
      assertThat(sent.content().toString(US_ASCII)).startsWith("SIP/2.0 400 ");
    } finally {
      sent.release();
    }
    assertThat(counters.rejected()).isEqualTo(1);
  }

  @Test
  void dropsMalformedInputWithNothingToAnswer() throws Exception {
    channel.writeInbound(
        new MalformedMessage("garbage", Peer.to(Transport.UDP, SOURCE), Optional.empty()));

    Object written = channel.readOutbound();
    assertThat(written).isNull();
    assertThat(listener.nextMalformed().reason()).isEqualTo("garbage");
    assertThat(counters.dropped()).isEqualTo(1);
  }

  @Test
  void aFailingListenerNeitherClosesTheChannelNorStopsTheNextMessage() throws Exception {
    RecordingListener behind = new RecordingListener();
    InboundListener failingOnce = new InboundListener() {
      private boolean failed;

      @Override
      public void onMessage(InboundMessage message) {
        if (!failed) {
          failed = true;
          throw new IllegalStateException("listener bug");
        }
        behind.onMessage(message);
      }
    };
    EmbeddedChannel guarded = new EmbeddedChannel(
        new InboundDispatcher(failingOnce, counters, via -> true,
            CallWorkers.inline()));

    guarded.writeInbound(new InboundMessage(request(), Peer.to(Transport.UDP, SOURCE)));
    guarded.writeInbound(new InboundMessage(request(), Peer.to(Transport.UDP, SOURCE)));

    assertThat(behind.next().isRequest()).isTrue();
    assertThat(guarded.isOpen()).isTrue();
    guarded.checkException();
  }
}
