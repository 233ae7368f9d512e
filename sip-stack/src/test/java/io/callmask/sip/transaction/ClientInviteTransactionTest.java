package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.TCP;
import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.Peer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class ClientInviteTransactionTest {

  private final LayerFixture fixture = new LayerFixture();
  private final RecordingListener listener = new RecordingListener();

  private ClientTransaction invite(io.callmask.sip.message.Transport over) {
    return fixture.send(TestMessages.outgoing(Request.INVITE), over, listener);
  }

  @Test
  void pushesViaWithNewBranchAndRport() {
    ClientTransaction transaction = invite(UDP);
    Request sent = transaction.request();

    ViaHeader via = (ViaHeader) fixture.transport.last().request().getHeader(ViaHeader.NAME);
    assertThat(via.getHost()).isEqualTo(RecordingTransport.SENT_BY.host());
    assertThat(via.getPort()).isEqualTo(RecordingTransport.SENT_BY.port());
    assertThat(via.getTransport()).isEqualTo("UDP");
    assertThat(BranchId.isRfc3261(via.getBranch())).isTrue();
    List<Object> parameters = new ArrayList<>();
    for (Iterator<?> names = via.getParameterNames(); names.hasNext(); ) {
      parameters.add(names.next());
    }
    assertThat(parameters).contains("rport");
    assertThat(fixture.transport.last().destination()).isEqualTo(transaction.destination());
    assertThat(sent).isSameAs(fixture.transport.last().request());
  }

  @Test
  void retransmitsInviteOnTimerAWithDoublingInterval() {
    invite(UDP);

    fixture.advanceMillis(499);
    assertThat(fixture.transport.count()).isEqualTo(1);
    fixture.advanceMillis(1); // 500 ms: A = T1
    assertThat(fixture.transport.count()).isEqualTo(2);
    fixture.advanceMillis(999); // 1499 ms
    assertThat(fixture.transport.count()).isEqualTo(2);
    fixture.advanceMillis(1); // 1500 ms: A = 2·T1
    assertThat(fixture.transport.count()).isEqualTo(3);
    fixture.advanceMillis(2000); // 3500 ms: A = 4·T1
    assertThat(fixture.transport.count()).isEqualTo(4);
    fixture.advanceMillis(4000); // 7500 ms: A = 8·T1, beyond T2 (A is not capped)
    assertThat(fixture.transport.count()).isEqualTo(5);
    fixture.advanceMillis(7999);
    assertThat(fixture.transport.count()).isEqualTo(5);
    assertThat(fixture.transport.methods()).containsOnly(Request.INVITE);
    assertThat(fixture.layer.retransmissions()).isEqualTo(4);
  }

  @Test
  void timesOutOnTimerBAndReportsOnce() {
    ClientTransaction transaction = invite(UDP);

    fixture.advanceMillis(31_999);
    assertThat(listener.timeouts).hasValue(0);
    fixture.advanceMillis(1);

    assertThat(listener.timeouts).hasValue(1);
    assertThat(listener.outcomes()).isEqualTo(1);
    assertThat(transaction.isCompleted()).isTrue();
    // 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s: seven sends, none after B
    assertThat(fixture.transport.count()).isEqualTo(7);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void neverRetransmitsOnTcp() {
    invite(TCP);

    fixture.advanceSeconds(31);
    assertThat(fixture.transport.count()).isEqualTo(1);
    fixture.advanceSeconds(1);
    assertThat(listener.timeouts).hasValue(1);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void provisionalStopsRetransmissionsAndTimerB() {
    ClientTransaction transaction = invite(UDP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 180), UDP);

    fixture.advanceSeconds(60);

    assertThat(listener.statuses()).containsExactly(180);
    assertThat(listener.timeouts).hasValue(0);
    assertThat(fixture.transport.count()).isEqualTo(1);
    assertThat(fixture.layer.retransmissions()).isZero();
    assertThat(transaction.isCompleted()).isFalse();
    assertThat(fixture.layer.size()).isEqualTo(1);
  }

  @Test
  void timerCEndsProceedingWithoutFinalResponseAndEachProvisionalRestartsIt() {
    ClientTransaction transaction = invite(UDP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 180), UDP);
    fixture.advanceSeconds(120);
    fixture.receive(response(sent, 183), UDP);

    fixture.advanceSeconds(180);
    assertThat(listener.timeouts).hasValue(0);
    fixture.advanceSeconds(1);

    assertThat(listener.statuses()).containsExactly(180, 183);
    assertThat(listener.timeouts).hasValue(1);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void acknowledgesFailureResponseInsideTheTransaction() {
    ClientTransaction transaction = invite(UDP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 486), UDP);

    assertThat(listener.statuses()).containsExactly(486);
    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE, Request.ACK);
    Request ack = fixture.transport.last().request();
    assertThat(TestMessages.branchOf(ack)).isEqualTo(TestMessages.branchOf(sent));
    assertThat(((ToHeader) ack.getHeader(ToHeader.NAME)).getTag()).isEqualTo(TestMessages.UAS_TAG);
    assertThat(((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getMethod()).isEqualTo(Request.ACK);
    assertThat(fixture.transport.last().destination()).isEqualTo(transaction.destination());
    assertThat(transaction.isCompleted()).isTrue();
  }

  @Test
  void reacknowledgesRetransmittedFailureWithoutReportingItAgain() {
    ClientTransaction transaction = invite(UDP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 486), UDP);
    fixture.receive(response(sent, 486), UDP);
    fixture.receive(response(sent, 486), UDP);

    assertThat(listener.statuses()).containsExactly(486);
    assertThat(fixture.transport.methods())
        .containsExactly(Request.INVITE, Request.ACK, Request.ACK, Request.ACK);
  }

  @Test
  void timerDKeepsCompletedFor32SecondsOnUdp() {
    ClientTransaction transaction = invite(UDP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 503), UDP);

    fixture.advanceMillis(31_999);
    assertThat(fixture.layer.size()).isEqualTo(1);
    fixture.advanceMillis(1);

    assertThat(fixture.isEmpty()).isTrue();
    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE, Request.ACK);
  }

  @Test
  void terminatesAtOnceAfterFailureOnTcp() {
    ClientTransaction transaction = invite(TCP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 404), TCP);

    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE, Request.ACK);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void acceptsSuccessAndPassesFurtherSuccessesToListenerUntilTimerM() {
    ClientTransaction transaction = invite(UDP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 180), UDP);
    fixture.receive(response(sent, 200), UDP);
    fixture.receive(response(sent, 200), UDP);
    fixture.receive(response(sent, 486), UDP);

    assertThat(listener.statuses()).containsExactly(180, 200, 200);
    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE);
    assertThat(transaction.isCompleted()).isTrue();

    fixture.advanceMillis(31_999);
    assertThat(fixture.layer.size()).isEqualTo(1);
    fixture.advanceMillis(1);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void successAfterTimerMGoesToTuAsStray() {
    ClientTransaction transaction = invite(TCP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 200), TCP);
    fixture.advanceSeconds(32);

    fixture.receive(response(sent, 200), TCP);

    assertThat(listener.statuses()).containsExactly(200);
    assertThat(fixture.user.strays).hasSize(1);
  }

  @Test
  void reportsTransportErrorAndTerminates() {
    fixture.transport.failAll(true);
    ClientTransaction transaction = invite(TCP);

    assertThat(listener.transportErrors).hasSize(1);
    assertThat(listener.outcomes()).isEqualTo(1);
    assertThat(transaction.isCompleted()).isTrue();
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void failedRetransmissionReportsTransportError() {
    invite(UDP);
    fixture.transport.failAll(true);

    fixture.advanceMillis(500);

    assertThat(listener.transportErrors).hasSize(1);
    assertThat(listener.timeouts).hasValue(0);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void refusesAckAsATransaction() {
    Request ack = TestMessages.outgoing(Request.ACK);

    assertThatThrownBy(() -> fixture.layer.sendRequest(ack, Peer.to(UDP, TestMessages.REMOTE),
        listener)).isInstanceOf(IllegalArgumentException.class);
    assertThat(fixture.transport.count()).isZero();
  }
}
