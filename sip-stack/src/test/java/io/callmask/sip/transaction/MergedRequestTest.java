package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.SipResponses;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** Merged requests (RFC 3261 §8.2.2.2). */
class MergedRequestTest {

  private final LayerFixture fixture = new LayerFixture();

  @Test
  void answersAMergedRequest482WithoutTellingTu() {
    Request original = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(original, UDP);

    fixture.receive(TestMessages.forked(original), UDP);

    assertThat(fixture.user.requests).hasSize(1);
    assertThat(fixture.transport.statuses()).containsExactly(100, 482);
    assertThat(fixture.transport.last().response().getReasonPhrase()).isEqualTo("Loop Detected");
  }

  @Test
  void mergedNonInviteIsAnswered482Too() {
    Request original = TestMessages.inbound(Request.OPTIONS, UDP);
    fixture.receive(original, UDP);

    fixture.receive(TestMessages.forked(original), UDP);

    assertThat(fixture.user.requests).hasSize(1);
    assertThat(fixture.transport.statuses()).containsExactly(482);
  }

  @Test
  void absorbsTheAckOfThe482() {
    Request original = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(original, UDP);
    Request fork = TestMessages.forked(original);
    fixture.receive(fork, UDP);
    Response loop = fixture.transport.last().response();

    fixture.receive(TestMessages.ackOfFailure(fork, loop, UDP), UDP);

    assertThat(fixture.user.acks).isEmpty();
  }

  @Test
  void requestsInsideADialogAreNeverMerged() {
    String callId = "dialog-1@192.0.2.20";
    String fromTag = SipResponses.newTag();
    fixture.receive(TestMessages.inbound(Request.BYE, UDP, BranchId.next(), callId, fromTag, 2,
        "to-tag"), UDP);
    fixture.receive(TestMessages.inbound(Request.BYE, UDP, BranchId.next(), callId, fromTag, 2,
        "to-tag"), UDP);

    assertThat(fixture.user.requests).hasSize(2);
    assertThat(fixture.transport.count()).isZero();
  }

  @Test
  void theSameIdentityIsNewAgainOnceTheFirstTransactionEnded() {
    Request original = TestMessages.inbound(Request.OPTIONS, UDP);
    fixture.user.answerWith(t -> t.respond(response(t.request(), 200)));
    fixture.receive(original, UDP);
    fixture.advanceSeconds(32);

    fixture.receive(TestMessages.forked(original), UDP);

    assertThat(fixture.user.requests).hasSize(2);
    assertThat(fixture.transport.statuses()).containsExactly(200, 200);
  }
}
