package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.SipResponses;
import java.util.List;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A new INVITE the TU refuses before it has a transaction (RFC 3261 §8.2.7). */
class StatelessRefusalTest {

  private final LayerFixture fixture = new LayerFixture();

  @BeforeEach
  void refuseEveryNewInvite() {
    fixture.user.refuseWith(invite -> SipResponses.createStateless(invite, 503));
  }

  @Test
  void theRefusalIsAllThatIsSentAndNothingIsKept() {
    fixture.receive(TestMessages.inbound(Request.INVITE, UDP), UDP);

    assertThat(fixture.transport.statuses()).containsExactly(503);
    assertThat(fixture.transport.last().destination()).isEqualTo(TestMessages.peer(UDP));
    assertThat(fixture.user.requests).isEmpty();
    assertThat(fixture.isEmpty()).isTrue();

    // no Timer G: a stateless answer is never sent again by the layer
    fixture.advanceSeconds(40);
    assertThat(fixture.transport.statuses()).containsExactly(503);
    assertThat(fixture.layer.retransmissions()).isZero();
  }

  @Test
  void everyCopyOfAnInviteIsRefusedWithOneTagAndAnotherInviteWithItsOwn() {
    Request invite = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(invite, UDP);
    fixture.receive(TestMessages.retransmission(invite), UDP);
    fixture.receive(TestMessages.inbound(Request.INVITE, UDP), UDP);

    assertThat(fixture.transport.statuses()).containsExactly(503, 503, 503);
    List<String> tags = fixture.transport.responses().stream().map(TestMessages::toTagOf).toList();
    assertThat(tags.get(0)).isNotBlank().isEqualTo(tags.get(1));
    assertThat(tags.get(2)).isNotEqualTo(tags.get(0));
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void theAckOfARefusalReachesTheTuAsOneThatMatchedNothing() {
    Request invite = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(invite, UDP);
    Response refusal = fixture.transport.last().response();

    fixture.receive(TestMessages.ackOfFailure(invite, refusal, UDP), UDP);

    assertThat(fixture.user.acks).hasSize(1);
    assertThat(fixture.transport.count()).isEqualTo(1);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void onlyNewInvitesOutsideADialogAreOffered() {
    Request reInvite = TestMessages.inbound(
        Request.INVITE, UDP, BranchId.next(), "in-dialog@192.0.2.20", "a", 2, "b");
    fixture.receive(reInvite, UDP);
    fixture.receive(TestMessages.inbound(Request.OPTIONS, UDP), UDP);

    assertThat(fixture.user.offered).isEmpty();
    assertThat(fixture.user.requests).hasSize(2);
  }

  @Test
  void anInviteTheTuAdmitsGetsItsTransaction() {
    fixture.user.refuseWith(invite -> null);
    Request invite = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(invite, UDP);

    assertThat(fixture.user.offered).containsExactly(invite);
    assertThat(fixture.transport.statuses()).containsExactly(100);
    assertThat(fixture.user.onlyRequest().request()).isSameAs(invite);
  }

  @Test
  void aRetransmissionOfAnAdmittedInviteIsNotOfferedAgain() {
    fixture.user.refuseWith(invite -> null);
    Request invite = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(invite, UDP);
    fixture.user.refuseWith(refused -> SipResponses.createStateless(refused, 503));

    fixture.receive(TestMessages.retransmission(invite), UDP);

    assertThat(fixture.user.offered).hasSize(1);
    assertThat(fixture.transport.statuses()).containsExactly(100, 100);
  }
}
