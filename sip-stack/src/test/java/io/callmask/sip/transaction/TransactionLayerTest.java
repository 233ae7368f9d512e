package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.TCP;
import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.Peer;
import java.text.ParseException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** Routing and the stateless parts of the layer. */
class TransactionLayerTest {

  private final LayerFixture fixture = new LayerFixture();

  @Test
  void passesAResponseMatchingNoTransactionToTuAsStray() {
    Request sent = TestMessages.inbound(Request.INVITE, UDP); // a Via this node never sent
    Response stray = response(sent, 200);

    fixture.receive(stray, UDP);

    assertThat(fixture.user.strays).containsExactly(stray);
  }

  @Test
  void matchesResponsesByBranchAndCseqMethod() throws ParseException {
    RecordingListener listener = new RecordingListener();
    ClientTransaction options = fixture.send(TestMessages.outgoing(Request.OPTIONS), TCP, listener);
    Request otherMethod = (Request) options.request().clone();
    otherMethod.setMethod(Request.INFO);
    ((CSeqHeader) otherMethod.getHeader(CSeqHeader.NAME)).setMethod(Request.INFO);

    fixture.receive(response(otherMethod, 200), TCP);

    assertThat(listener.responses).isEmpty();
    assertThat(fixture.user.strays).hasSize(1);
  }

  @Test
  void passesAnAckMatchingNothingToTu() {
    Request ack = TestMessages.inbound(Request.ACK, UDP);

    fixture.receive(ack, UDP);

    assertThat(fixture.user.acks).containsExactly(ack);
    assertThat(fixture.transport.count()).isZero();
  }

  @Test
  void sendsAckForSuccessStatelesslyWithANewBranch() {
    RecordingListener listener = new RecordingListener();
    ClientTransaction invite = fixture.send(TestMessages.outgoing(Request.INVITE), UDP, listener);
    Request ack = TestMessages.outgoing(Request.ACK);

    fixture.layer.sendAck(ack, invite.destination());
    fixture.advanceSeconds(10);

    assertThat(fixture.transport.methods()).containsOnlyOnce(Request.ACK);
    String ackBranch = TestMessages.branchOf(ack);
    assertThat(ackBranch).startsWith("z9hG4bK").isNotEqualTo(TestMessages.branchOf(invite.request()));
    assertThat(fixture.layer.size()).isEqualTo(1); // the INVITE only
  }

  @Test
  void sendsStatelessMessagesUnchanged() {
    Response response = response(TestMessages.inbound(Request.INVITE, UDP), 200);
    int vias = countVias(response);
    Peer destination = Peer.to(UDP, TestMessages.REMOTE);

    fixture.layer.sendStateless(response, destination);

    assertThat(fixture.transport.last().message()).isSameAs(response);
    assertThat(fixture.transport.last().destination()).isEqualTo(destination);
    assertThat(countVias(response)).isEqualTo(vias);
    assertThat(fixture.layer.size()).isZero();
  }

  @Test
  void matchesRetransmissionsAndCancelOfRfc2543PeersWithoutMagicCookie() {
    Request invite = TestMessages.inbound(Request.INVITE, UDP, "old-branch-1", "legacy@192.0.2.20",
        "from-1", 7, null);
    fixture.receive(invite, UDP);
    fixture.receive(TestMessages.retransmission(invite), UDP);
    fixture.receive(TestMessages.cancelOf(invite, UDP), UDP);

    assertThat(fixture.user.requests).hasSize(1);
    assertThat(fixture.user.cancelled).hasSize(1);
    assertThat(fixture.transport.statuses()).containsExactly(100, 100, 200);
  }

  @Test
  void closeEndsEveryTransactionAndCancelsAllTimers() {
    fixture.send(TestMessages.outgoing(Request.INVITE), UDP, new RecordingListener());
    fixture.send(TestMessages.outgoing(Request.OPTIONS), UDP, new RecordingListener());
    fixture.receive(TestMessages.inbound(Request.INVITE, UDP), UDP);
    fixture.user.onlyRequest().respond(response(fixture.user.onlyRequest().request(), 200));
    assertThat(fixture.layer.size()).isEqualTo(3);

    fixture.layer.close();

    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void dropsMessagesBeforeATuIsBound() {
    RecordingTransport transport = new RecordingTransport();
    TransactionLayer unbound =
        new TransactionLayer(transport, new ManualTimerService(), TimerSettings.RFC_DEFAULTS);

    unbound.onMessage(new InboundMessage(TestMessages.inbound(Request.INVITE, UDP),
        TestMessages.peer(UDP)));

    assertThat(unbound.size()).isZero();
    assertThat(transport.count()).isZero();
    assertThatThrownBy(() -> unbound.sendRequest(TestMessages.outgoing(Request.OPTIONS),
        Peer.to(UDP, TestMessages.REMOTE), new RecordingListener()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesASecondTu() {
    assertThatThrownBy(() -> fixture.layer.bind(new RecordingUser()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepsTuFailuresAwayFromTheTransport() {
    fixture.user.answerWith(t -> {
      throw new IllegalStateException("TU bug");
    });

    fixture.receive(TestMessages.inbound(Request.OPTIONS, UDP), UDP);

    assertThat(fixture.user.requests).hasSize(1);
  }

  private static int countVias(Message message) {
    int count = 0;
    for (var vias = message.getHeaders(ViaHeader.NAME); vias.hasNext(); vias.next()) {
      count++;
    }
    return count;
  }
}
