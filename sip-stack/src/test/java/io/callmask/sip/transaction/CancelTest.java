package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.TCP;
import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** CANCEL on both sides (RFC 3261 §9). */
class CancelTest {

  private final LayerFixture fixture = new LayerFixture();

  private static String toTag(Response response) {
    return ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
  }

  @Test
  void matchedCancelIsAnswered200AndReportedToTu() {
    Request invite = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(invite, UDP);
    ServerTransaction transaction = fixture.user.onlyRequest();
    transaction.respond(response(invite, 180));
    Request cancel = TestMessages.cancelOf(invite, UDP);

    fixture.receive(cancel, UDP);

    Response ok = fixture.transport.last().response();
    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getMethod()).isEqualTo(Request.CANCEL);
    assertThat(toTag(ok)).isEqualTo(TestMessages.UAS_TAG);
    assertThat(fixture.user.cancelled).containsExactly(transaction);
    assertThat(fixture.user.cancels).containsExactly(cancel);
    assertThat(fixture.user.requests).hasSize(1);
  }

  @Test
  void tuAnswers487AndTheAckIsAbsorbed() {
    Request invite = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(invite, UDP);
    fixture.user.answerWith(t -> { });
    fixture.receive(TestMessages.cancelOf(invite, UDP), UDP);
    fixture.user.cancelled.get(0).respond(response(invite, 487));
    Response terminated = fixture.transport.last().response();

    fixture.receive(TestMessages.ackOfFailure(invite, terminated, UDP), UDP);

    assertThat(fixture.transport.statuses()).containsExactly(100, 200, 487);
    assertThat(fixture.user.acks).isEmpty();
  }

  @Test
  void unmatchedCancelIsAnswered481() {
    fixture.receive(TestMessages.cancelOf(TestMessages.inbound(Request.INVITE, UDP), UDP), UDP);

    assertThat(fixture.transport.statuses()).containsExactly(481);
    assertThat(fixture.user.cancelled).isEmpty();
    assertThat(fixture.user.requests).isEmpty();
  }

  @Test
  void cancelAfterTheFinalResponseIsAnswered200WithoutTellingTu() {
    Request invite = TestMessages.inbound(Request.INVITE, TCP);
    fixture.user.answerWith(t -> t.respond(response(t.request(), 200)));
    fixture.receive(invite, TCP);

    fixture.receive(TestMessages.cancelOf(invite, TCP), TCP);

    assertThat(fixture.transport.statuses()).containsExactly(100, 200, 200);
    assertThat(fixture.user.cancelled).isEmpty();
  }

  @Test
  void retransmittedCancelIsAnsweredAgainButReportedOnce() {
    Request invite = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(invite, UDP);
    Request cancel = TestMessages.cancelOf(invite, UDP);

    fixture.receive(cancel, UDP);
    fixture.receive(TestMessages.retransmission(cancel), UDP);

    assertThat(fixture.transport.statuses()).containsExactly(100, 200, 200);
    assertThat(fixture.user.cancelled).hasSize(1);
  }

  @Test
  void clientCancelIsHeldUntilAProvisionalArrives() {
    RecordingListener inviteListener = new RecordingListener();
    RecordingListener cancelListener = new RecordingListener();
    ClientTransaction invite =
        fixture.send(TestMessages.outgoing(Request.INVITE), UDP, inviteListener);

    ClientTransaction cancel = fixture.layer.sendCancel(invite, cancelListener);
    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE);
    assertThat(cancel.isCompleted()).isFalse();

    fixture.receive(response(invite.request(), 180), UDP);

    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE, Request.CANCEL);
    assertThat(fixture.transport.last().request()).isSameAs(cancel.request());
    assertThat(fixture.transport.last().destination()).isEqualTo(invite.destination());
  }

  @Test
  void clientCancelIsSentAtOnceWhenProceedingAndInvite487IsReportedAsUsual() {
    RecordingListener inviteListener = new RecordingListener();
    RecordingListener cancelListener = new RecordingListener();
    ClientTransaction invite =
        fixture.send(TestMessages.outgoing(Request.INVITE), TCP, inviteListener);
    fixture.receive(response(invite.request(), 183), TCP);

    ClientTransaction cancel = fixture.layer.sendCancel(invite, cancelListener);
    fixture.receive(response(cancel.request(), 200), TCP);
    fixture.receive(response(invite.request(), 487), TCP);

    assertThat(fixture.transport.methods())
        .containsExactly(Request.INVITE, Request.CANCEL, Request.ACK);
    assertThat(cancelListener.statuses()).containsExactly(200);
    assertThat(inviteListener.statuses()).containsExactly(183, 487);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void heldCancelIsNeverSentWhenAFinalResponseComesFirst() {
    RecordingListener cancelListener = new RecordingListener();
    ClientTransaction invite =
        fixture.send(TestMessages.outgoing(Request.INVITE), UDP, new RecordingListener());
    ClientTransaction cancel = fixture.layer.sendCancel(invite, cancelListener);

    fixture.receive(response(invite.request(), 200), UDP);
    fixture.advanceSeconds(40);

    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE);
    assertThat(cancel.isCompleted()).isTrue();
    assertThat(cancelListener.outcomes()).isZero();
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void heldCancelIsNeverSentWhenTheInviteTimesOut() {
    ClientTransaction invite =
        fixture.send(TestMessages.outgoing(Request.INVITE), TCP, new RecordingListener());
    ClientTransaction cancel = fixture.layer.sendCancel(invite, new RecordingListener());

    fixture.advanceSeconds(32);

    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE);
    assertThat(cancel.isCompleted()).isTrue();
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void cancellingTwiceReturnsTheFirstCancel() {
    ClientTransaction invite =
        fixture.send(TestMessages.outgoing(Request.INVITE), TCP, new RecordingListener());
    fixture.receive(response(invite.request(), 180), TCP);

    ClientTransaction first = fixture.layer.sendCancel(invite, new RecordingListener());
    ClientTransaction second = fixture.layer.sendCancel(invite, new RecordingListener());

    assertThat(second).isSameAs(first);
    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE, Request.CANCEL);
  }

  @Test
  void cancelOfANonInviteTransactionIsRefused() {
    ClientTransaction options =
        fixture.send(TestMessages.outgoing(Request.OPTIONS), TCP, new RecordingListener());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fixture.layer.sendCancel(options, new RecordingListener()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
