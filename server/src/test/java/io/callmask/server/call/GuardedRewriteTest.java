package io.callmask.server.call;

import static io.callmask.server.call.CallFixture.CALLER_CARRIER;
import static io.callmask.server.call.CallFixture.PRIMARY_GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * The privacy guard is the last step before anything leaves toward a party: a deliberately
 * broken rewrite leaks, the guard holds the message back, and the call fails safely.
 */
class GuardedRewriteTest {

  private final CallerCarrier caller = new CallerCarrier();
  private final CalleeCarrier callee = new CalleeCarrier(PRIMARY_GATEWAY);

  @Test
  void rewriteThatCopiesDiversionNeverReachesTheCallee() {
    CallFixture fixture = new CallFixture(new IdentityRewriter(
        List.of("Diversion"), SdpNeutraliser::neutralise), Runnable::run);

    fixture.fromCaller(caller.invite());

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).isEmpty();
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 500);
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.FAILED);
    assertThat(fixture.lastRecord().failure()).contains(FailureSide.OUTGOING);
    fixture.assertNothingLeft();
  }

  @Test
  void rewriteThatForgetsTheCallersSdpOriginNeverReachesTheCallee() {
    CallFixture fixture = new CallFixture(new IdentityRewriter(
        IdentityRewriter.SAFE_HEADERS, UnaryOperator.identity()), Runnable::run);

    fixture.fromCaller(caller.invite());

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).isEmpty();
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 500);
  }

  @Test
  void answerCarryingTheCalleesNumberIsHeldBackAndTheCalleeHungUp() {
    CallFixture fixture = new CallFixture(new IdentityRewriter(
        IdentityRewriter.SAFE_HEADERS, UnaryOperator.identity()), Runnable::run);
    fixture.fromCaller(caller.invite(null));
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 200, CalleeCarrier.SDP));

    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 500);
    assertThat(fixture.textSentTo(CALLER_CARRIER)).doesNotContain("9887654321");
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK)).hasSize(1);
    Request bye = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE);
    fixture.from(PRIMARY_GATEWAY, callee.respond(bye, 200, null));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.FAILED);
    assertThat(fixture.lastRecord().failure()).contains(FailureSide.INCOMING);
    fixture.assertNothingLeft();
  }

  @Test
  void earlyMediaCarryingTheCalleesNumberIsHeldBackAndTheAttemptCancelled() {
    CallFixture fixture = new CallFixture(new IdentityRewriter(
        IdentityRewriter.SAFE_HEADERS, UnaryOperator.identity()), Runnable::run);
    fixture.fromCaller(caller.invite(null));
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 183, CalleeCarrier.SDP));

    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 500);
    Request cancel = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.CANCEL);
    fixture.from(PRIMARY_GATEWAY, callee.respond(cancel, 200, null));
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 487, null));
    fixture.assertNothingLeft();
  }

  @Test
  void theStandardRewriteGetsTheSameMessagesThrough() {
    CallFixture fixture = new CallFixture();
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 183, CalleeCarrier.SDP));
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 200, CalleeCarrier.SDP));

    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 183, 200);
  }
}
