package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.sip.codec.EncodedMessage;
import java.lang.ref.WeakReference;
import java.util.List;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * What a transaction keeps while it lingers after its outcome to absorb retransmissions: the
 * bytes it re-sends and its keys, not the parsed messages, and its listener only as long as a
 * report can still follow (and in Accepted, only while the TU keeps it).
 */
class LingeringTransactionTest {

  private final LayerFixture fixture = new LayerFixture();

  @Test
  void answeredServerTransactionForgetsItsRequestAndResendsTheSameBytes() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(request, UDP);
    ServerTransaction transaction = fixture.user.onlyRequest();
    transaction.respond(response(request, 486));

    assertThatThrownBy(transaction::request).isInstanceOf(IllegalStateException.class);
    fixture.receive(TestMessages.retransmission(request), UDP);
    List<Response> responses = fixture.transport.responses();
    assertThat(responses).hasSize(3); // 100, 486, 486 again
    assertThat(responses.get(2).toString()).isEqualTo(responses.get(1).toString());
  }

  @Test
  void acknowledgedSuccessLetsItsBytesGoAndStillAbsorbsTheInvite() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    ServerSideTransaction transaction = answered(request, response(request, 200));
    assertThat(transaction.keptResponseBytes()).isPositive(); // re-sent on timer G until the ACK

    fixture.receive(TestMessages.ackOfSuccess(fixture.transport.last().response(), UDP), UDP);
    int sent = fixture.transport.responses().size();
    fixture.receive(TestMessages.retransmission(request), UDP);
    fixture.advanceMillis(10_000);

    assertThat(transaction.keptResponseBytes()).isZero();
    assertThat(fixture.transport.responses()).hasSize(sent);
    assertThat(fixture.user.requests).hasSize(1);
  }

  @Test
  void acknowledgedFailureLetsItsBytesGo() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    Response busy = response(request, 486);
    ServerSideTransaction transaction = answered(request, busy);
    assertThat(transaction.keptResponseBytes()).isPositive();

    fixture.receive(TestMessages.ackOfFailure(request, busy, UDP), UDP);

    assertThat(transaction.keptResponseBytes()).isZero();
  }

  @Test
  void answeredNonInviteKeepsItsBytesForTimerJ() {
    Request request = TestMessages.inbound(Request.BYE, UDP);
    ServerSideTransaction transaction = answered(request, response(request, 200));
    fixture.advanceMillis(31_000);

    assertThat(transaction.keptResponseBytes()).isPositive();
    fixture.receive(TestMessages.retransmission(request), UDP);
    // the 200, and the same again for the BYE's retransmission
    assertThat(fixture.transport.responses()).hasSize(2);
  }

  /** The transaction of {@code request}, received over UDP, after it sent {@code response}. */
  private ServerSideTransaction answered(Request request, Response response) {
    fixture.receive(request, UDP);
    ServerSideTransaction transaction = (ServerSideTransaction) fixture.user.onlyRequest();
    transaction.respond(response);
    return transaction;
  }

  @Test
  void encodedResponseIsSentAsItsBytes() {
    Request request = TestMessages.inbound(Request.OPTIONS, UDP);
    fixture.receive(request, UDP);
    EncodedMessage ok = EncodedMessage.of(response(request, 200));

    fixture.user.onlyRequest().respond(ok);

    assertThat(fixture.transport.last().response()).isSameAs(ok.source().orElseThrow());
    fixture.receive(TestMessages.retransmission(request), UDP);
    assertThat(fixture.transport.last().response().toString()).isEqualTo(ok.text());
  }

  @Test
  void encodedResponseWithoutItsMessageIsRefused() {
    Request request = TestMessages.inbound(Request.OPTIONS, UDP);
    fixture.receive(request, UDP);
    EncodedMessage bytesOnly = EncodedMessage.of(response(request, 200)).withoutSource();

    assertThatThrownBy(() -> fixture.user.onlyRequest().respond(bytesOnly))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void completedInviteLetsItsListenerGoAndStillReacknowledges() {
    RecordingListener heard = new RecordingListener();
    ClientTransaction transaction = inviteHeardBy(heard);
    Request sent = transaction.request();
    WeakReference<RecordingListener> listener = new WeakReference<>(heard);
    heard = null;

    fixture.receive(response(sent, 486), UDP);
    collect(listener);
    fixture.receive(response(sent, 486), UDP);

    assertThat(listener.get()).isNull();
    assertThatThrownBy(transaction::request).isInstanceOf(IllegalStateException.class);
    assertThat(fixture.transport.methods())
        .containsExactly(Request.INVITE, Request.ACK, Request.ACK);
    List<Request> acks = fixture.transport.requests().subList(1, 3);
    assertThat(acks.get(1).toString()).isEqualTo(acks.get(0).toString());
  }

  @Test
  void acceptedInviteReportsFurtherSuccessesOnlyWhileTheTuKeepsItsListener() {
    RecordingListener kept = new RecordingListener();
    ClientTransaction transaction = inviteHeardBy(kept);
    Request sent = transaction.request();

    fixture.receive(response(sent, 200), UDP);
    fixture.receive(response(sent, 200), UDP);
    assertThat(kept.statuses()).containsExactly(200, 200);
    assertThat(fixture.user.strays).isEmpty();

    WeakReference<RecordingListener> dropped = new WeakReference<>(kept);
    kept = null;
    collect(dropped);
    fixture.receive(response(sent, 200), UDP);

    assertThat(dropped.get()).isNull();
    assertThat(fixture.user.strays).hasSize(1);
    assertThat(fixture.layer.size()).isEqualTo(1); // still Accepted until timer M
  }

  @Test
  void completedNonInviteLetsItsListenerGo() {
    RecordingListener heard = new RecordingListener();
    ClientTransaction transaction =
        fixture.send(TestMessages.outgoing(Request.OPTIONS), UDP, heard);
    Request sent = transaction.request();
    WeakReference<RecordingListener> listener = new WeakReference<>(heard);
    heard = null;

    fixture.receive(response(sent, 200), UDP);
    collect(listener);

    assertThat(listener.get()).isNull();
    assertThat(fixture.layer.size()).isEqualTo(1); // timer K still absorbs retransmissions
  }

  @Test
  void cancellingAnInviteThatHasItsOutcomeSendsNothing() {
    ClientTransaction transaction = inviteHeardBy(new RecordingListener());
    fixture.receive(response(transaction.request(), 486), UDP);

    ClientTransaction cancel = fixture.layer.sendCancel(transaction, new RecordingListener());

    assertThat(cancel.isCompleted()).isTrue();
    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE, Request.ACK);
  }

  private ClientTransaction inviteHeardBy(RecordingListener listener) {
    return fixture.send(TestMessages.outgoing(Request.INVITE), UDP, listener);
  }

  /**
   * Collects garbage until {@code reference} is cleared, or gives up after a few rounds (the
   * assertion that follows then fails): a full collection clears a weakly reachable referent.
   */
  private static void collect(WeakReference<?> reference) {
    for (int round = 0; round < 10 && reference.get() != null; round++) {
      System.gc();
    }
  }
}
