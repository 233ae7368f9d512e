package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.TCP;
import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Transport;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerInviteTransactionTest {

  private final LayerFixture fixture = new LayerFixture();

  private ServerTransaction invite(Request invite, Transport over) {
    fixture.receive(invite, over);
    return fixture.user.onlyRequest();
  }

  /** How many times a response with {@code status} was sent. */
  private int sendsOf(int status) {
    return (int) fixture.transport.statuses().stream().filter(s -> s == status).count();
  }

  @Test
  void sends100TryingAtOnceAndPassesTheInviteToTu() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    ServerTransaction transaction = invite(request, UDP);

    assertThat(fixture.transport.statuses()).containsExactly(100);
    Response trying = fixture.transport.last().response();
    assertThat(((ToHeader) trying.getHeader(ToHeader.NAME)).getTag()).isNull();
    assertThat(transaction.request()).isSameAs(request);
    assertThat(transaction.isCompleted()).isFalse();
  }

  @Test
  void answersRetransmittedInviteWithTheLastProvisional() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    ServerTransaction transaction = invite(request, UDP);
    fixture.receive(TestMessages.retransmission(request), UDP);
    transaction.respond(response(request, 180));
    fixture.receive(TestMessages.retransmission(request), UDP);

    assertThat(fixture.transport.statuses()).containsExactly(100, 100, 180, 180);
    assertThat(fixture.user.requests).hasSize(1);
    // answers to the peer's retransmissions: the peer counts those
    assertThat(fixture.layer.retransmissions()).isZero();
  }

  @Test
  void retransmitsFailureOnTimerGDoublingUpToT2UntilTimerH() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    invite(request, UDP).respond(response(request, 486));

    // sends at 0, 0.5, 1.5, 3.5, 7.5 s, then every T2: 11.5 ... 31.5 s
    long[] expectedAt = {500, 1500, 3500, 7500, 11_500, 15_500, 19_500, 23_500, 27_500, 31_500};
    long now = 0;
    int sends = 1;
    for (long at : expectedAt) {
      fixture.advanceMillis(at - 1 - now);
      assertThat(sendsOf(486)).as("before %d ms", at).isEqualTo(sends);
      fixture.advanceMillis(1);
      now = at;
      assertThat(sendsOf(486)).as("at %d ms", at).isEqualTo(++sends);
    }
    fixture.advanceMillis(32_000 - now);

    assertThat(fixture.isEmpty()).isTrue();
    assertThat(sendsOf(486)).isEqualTo(11);
    assertThat(fixture.layer.retransmissions()).isEqualTo(10);
  }

  @Test
  void absorbsAckOfFailureAndConfirmsUntilTimerI() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    ServerTransaction transaction = invite(request, UDP);
    transaction.respond(response(request, 486));
    Response failure = fixture.transport.last().response();

    fixture.receive(TestMessages.ackOfFailure(request, failure, UDP), UDP);
    fixture.receive(TestMessages.ackOfFailure(request, failure, UDP), UDP);
    fixture.advanceSeconds(4);

    assertThat(fixture.user.acks).isEmpty();
    assertThat(sendsOf(486)).isEqualTo(1);
    assertThat(fixture.layer.size()).isEqualTo(1);
    fixture.advanceSeconds(1); // I = T4
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void neitherRetransmitsNorLingersOnTcp() {
    Request request = TestMessages.inbound(Request.INVITE, TCP);
    invite(request, TCP).respond(response(request, 603));
    Response failure = fixture.transport.last().response();

    fixture.advanceSeconds(10);
    assertThat(sendsOf(603)).isEqualTo(1);
    fixture.receive(TestMessages.ackOfFailure(request, failure, TCP), TCP);

    assertThat(fixture.isEmpty()).isTrue();
    assertThat(fixture.user.acks).isEmpty();
  }

  @Test
  void timerHEndsCompletedWithoutAckOnTcp() {
    Request request = TestMessages.inbound(Request.INVITE, TCP);
    invite(request, TCP).respond(response(request, 480));

    fixture.advanceMillis(31_999);
    assertThat(fixture.layer.size()).isEqualTo(1);
    fixture.advanceMillis(1);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void retransmitsSuccessUntilTheDialogAckArrives() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    ServerTransaction transaction = invite(request, UDP);
    transaction.respond(response(request, 200));
    fixture.advanceMillis(500);
    fixture.advanceMillis(1000);
    assertThat(sendsOf(200)).isEqualTo(3);
    assertThat(fixture.layer.retransmissions()).isEqualTo(2);

    Request ack = TestMessages.ackOfSuccess(fixture.transport.last().response(), UDP);
    fixture.receive(ack, UDP);
    fixture.advanceMillis(10_000);

    assertThat(sendsOf(200)).isEqualTo(3);
    assertThat(fixture.user.acks).containsExactly(ack);
    assertThat(transaction.isCompleted()).isTrue();
    fixture.advanceMillis(20_500); // L = 64·T1 after the 2xx
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void retransmitsSuccessUntilTimerLWhenNoAckArrives() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    invite(request, UDP).respond(response(request, 200));

    fixture.advanceMillis(31_999);
    // 0, 0.5, 1.5, 3.5, 7.5 s, then every T2 up to 31.5 s
    assertThat(sendsOf(200)).isEqualTo(11);
    assertThat(fixture.layer.size()).isEqualTo(1);
    fixture.advanceMillis(1);

    assertThat(fixture.isEmpty()).isTrue();
    assertThat(sendsOf(200)).isEqualTo(11);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void tellsTuOnTimerLThatTheSuccessWasNeverAcknowledged(Transport over) {
    Request request = TestMessages.inbound(Request.INVITE, over);
    ServerTransaction transaction = invite(request, over);
    transaction.respond(response(request, 200));

    fixture.advanceMillis(31_999);
    assertThat(fixture.user.ackTimeouts).isEmpty();
    fixture.advanceMillis(1);

    assertThat(fixture.user.ackTimeouts).containsExactly(transaction);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void staysQuietOnTimerLWhenTheSuccessWasAcknowledged(Transport over) {
    Request request = TestMessages.inbound(Request.INVITE, over);
    invite(request, over).respond(response(request, 200));
    fixture.receive(TestMessages.ackOfSuccess(fixture.transport.last().response(), over), over);

    fixture.advanceSeconds(32);

    assertThat(fixture.user.acks).hasSize(1);
    assertThat(fixture.user.ackTimeouts).isEmpty();
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void acceptedAbsorbsInviteRetransmissionsUntilTimerL() {
    Request request = TestMessages.inbound(Request.INVITE, TCP);
    invite(request, TCP).respond(response(request, 200));

    fixture.advanceSeconds(31);
    fixture.receive(TestMessages.retransmission(request), TCP);

    assertThat(fixture.transport.statuses()).containsExactly(100, 200);
    assertThat(fixture.user.requests).hasSize(1);
    fixture.advanceSeconds(1);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void passesAckWithTheInviteBranchToTuWhileAccepted() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    invite(request, UDP).respond(response(request, 200));
    Request ack = TestMessages.ackOfFailure(request, fixture.transport.last().response(), UDP);

    fixture.receive(ack, UDP);
    fixture.advanceSeconds(5);

    assertThat(fixture.user.acks).containsExactly(ack);
    assertThat(sendsOf(200)).isEqualTo(1);
    fixture.advanceSeconds(27);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void sendsFurtherSuccessesFromTuWhileAcceptedButNothingElse() {
    Request request = TestMessages.inbound(Request.INVITE, TCP);
    ServerTransaction transaction = invite(request, TCP);
    transaction.respond(response(request, 200));
    transaction.respond(response(request, 200));
    transaction.respond(response(request, 486));
    transaction.respond(response(request, 180));

    assertThat(fixture.transport.statuses()).containsExactly(100, 200, 200);
  }

  @Test
  void neverRetransmitsSuccessOnTcp() {
    Request request = TestMessages.inbound(Request.INVITE, TCP);
    invite(request, TCP).respond(response(request, 200));

    fixture.advanceSeconds(32);

    assertThat(sendsOf(200)).isEqualTo(1);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void failedResponseSendTerminates() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    ServerTransaction transaction = invite(request, UDP);
    fixture.transport.failAll(true);

    transaction.respond(response(request, 486));

    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void failedSuccessSendStopsRetransmissionsButKeepsAbsorbingUntilTimerL() {
    Request request = TestMessages.inbound(Request.INVITE, UDP);
    ServerTransaction transaction = invite(request, UDP);
    fixture.transport.failAll(true);
    transaction.respond(response(request, 200));

    fixture.advanceSeconds(10);
    fixture.receive(TestMessages.retransmission(request), UDP);

    assertThat(sendsOf(200)).isEqualTo(1);
    assertThat(fixture.user.requests).hasSize(1);
    fixture.advanceSeconds(22);
    assertThat(fixture.isEmpty()).isTrue();
  }
}
