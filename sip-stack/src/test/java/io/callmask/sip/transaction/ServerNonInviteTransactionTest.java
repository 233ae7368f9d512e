package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.TCP;
import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class ServerNonInviteTransactionTest {

  private final LayerFixture fixture = new LayerFixture();

  @Test
  void passesRequestToTuWithoutProvisional() {
    Request options = TestMessages.inbound(Request.OPTIONS, UDP);
    fixture.receive(options, UDP);

    ServerTransaction transaction = fixture.user.onlyRequest();
    assertThat(transaction.request()).isSameAs(options);
    assertThat(transaction.peer()).isEqualTo(TestMessages.peer(UDP));
    assertThat(transaction.isCompleted()).isFalse();
    assertThat(fixture.transport.count()).isZero();
  }

  @Test
  void absorbsRetransmissionsWhileTrying() {
    Request bye = TestMessages.inbound(Request.BYE, UDP);
    fixture.receive(bye, UDP);
    fixture.receive(TestMessages.retransmission(bye), UDP);

    assertThat(fixture.user.requests).hasSize(1);
    assertThat(fixture.transport.count()).isZero();
  }

  @Test
  void answersRetransmissionsWithTheLastResponse() {
    Request bye = TestMessages.inbound(Request.BYE, UDP);
    fixture.receive(bye, UDP);
    ServerTransaction transaction = fixture.user.onlyRequest();
    transaction.respond(response(bye, 183));
    fixture.receive(TestMessages.retransmission(bye), UDP);
    transaction.respond(response(bye, 200));
    fixture.receive(TestMessages.retransmission(bye), UDP);

    assertThat(fixture.transport.statuses()).containsExactly(183, 183, 200, 200);
    assertThat(fixture.user.requests).hasSize(1);
    assertThat(transaction.isCompleted()).isTrue();
  }

  @Test
  void timerJKeepsCompletedFor64T1OnUdp() {
    Request options = TestMessages.inbound(Request.OPTIONS, UDP);
    fixture.user.answerWith(t -> t.respond(response(t.request(), 200)));
    fixture.receive(options, UDP);

    fixture.advanceMillis(31_999);
    fixture.receive(TestMessages.retransmission(options), UDP);
    assertThat(fixture.transport.statuses()).containsExactly(200, 200);
    fixture.advanceMillis(1);

    assertThat(fixture.isEmpty()).isTrue();
    assertThat(fixture.user.requests).hasSize(1);
  }

  @Test
  void terminatesAtOnceOnTcp() {
    fixture.user.answerWith(t -> t.respond(response(t.request(), 200)));
    fixture.receive(TestMessages.inbound(Request.OPTIONS, TCP), TCP);

    assertThat(fixture.transport.statuses()).containsExactly(200);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void ignoresResponsesAfterTheFinalOne() {
    Request options = TestMessages.inbound(Request.OPTIONS, UDP);
    fixture.receive(options, UDP);
    ServerTransaction transaction = fixture.user.onlyRequest();
    transaction.respond(response(options, 200));
    transaction.respond(response(options, 500));
    transaction.respond(response(options, 180));

    assertThat(fixture.transport.statuses()).containsExactly(200);
  }

  @Test
  void sendsResponsesToTheSourceAtItsRport() {
    fixture.user.answerWith(t -> t.respond(response(t.request(), 200)));
    fixture.receive(TestMessages.inbound(Request.OPTIONS, UDP), UDP);

    assertThat(fixture.transport.last().destination()).isEqualTo(TestMessages.peer(UDP));
  }

  @Test
  void failedResponseSendTerminates() {
    fixture.transport.failAll(true);
    fixture.user.answerWith(t -> t.respond(response(t.request(), 200)));
    fixture.receive(TestMessages.inbound(Request.OPTIONS, UDP), UDP);

    assertThat(fixture.isEmpty()).isTrue();
  }
}
