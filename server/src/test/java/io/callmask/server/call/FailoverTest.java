package io.callmask.server.call;

import static io.callmask.server.call.CallFixture.BACKUP_GATEWAY;
import static io.callmask.server.call.CallFixture.CALLER_CARRIER;
import static io.callmask.server.call.CallFixture.PRIMARY_GATEWAY;
import static io.callmask.server.call.ForwardedCallTest.callId;
import static io.callmask.server.call.ForwardedCallTest.tag;
import static io.callmask.server.call.ForwardedCallTest.uriOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.calls.CallAttempt;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.masking.Presentation;
import io.callmask.server.masking.RouteOutcome;
import io.callmask.server.masking.Side;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.OptionalInt;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONTRACT §6 failover: one retry through the backup trunk, presenting the backup number. */
class FailoverTest {

  private final CallFixture fixture = new CallFixture();
  private final CallerCarrier caller = new CallerCarrier();
  private final CalleeCarrier primary = new CalleeCarrier(PRIMARY_GATEWAY);
  private final CalleeCarrier backup = new CalleeCarrier(BACKUP_GATEWAY);

  @ParameterizedTest
  @ValueSource(ints = {408, 500, 503, 504})
  void carrierFailureOfThePrimaryIsRetriedThroughTheBackup(int status) {
    fixture.fromCaller(caller.invite());
    Request first = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, primary.respond(first, status, null));

    Request second = fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE);
    assertThat(second.getRequestURI().toString()).isEqualTo("sip:+919887654321@198.51.100.2:5060");
    assertThat(uriOf(second, FromHeader.NAME)).isEqualTo("sip:+918040000003@192.0.2.10");
    assertThat(second.getHeader("P-Asserted-Identity").toString()).contains("+918040000003");
    assertThat(callId(second)).isNotEqualTo(callId(first));
    assertThat(tag(second, FromHeader.NAME)).isNotEqualTo(tag(first, FromHeader.NAME));
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100);

    completeThroughBackup(second);

    assertThat(fixture.lastRecord().attempts()).containsExactly(
        new CallAttempt("t1", CallFixture.PRIMARY, OptionalInt.of(status)),
        new CallAttempt("t2", CallFixture.BACKUP, OptionalInt.of(200)));
    assertThat(fixture.outcomes).startsWith("+918040000002 OUTGOING failed",
        "+918040000003 OUTGOING ok");
    assertThat(fixture.controller.counters().failovers()).isOne();
    fixture.assertNothingLeft();
  }

  @Test
  void silentPrimaryIsGivenUpAfterTheFailoverTimeout() {
    fixture.fromCaller(caller.invite());
    Request first = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.advance(CallFixture.FAILOVER.minusMillis(1));
    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).isEmpty();
    fixture.advance(Duration.ofMillis(1));

    Request second = fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE);
    assertThat(uriOf(second, FromHeader.NAME)).contains("+918040000003");
    // the CANCEL waits for a provisional that never comes (RFC 3261 §9.1)
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.CANCEL)).isEmpty();
    completeThroughBackup(second);
    assertThat(fixture.lastRecord().attempts().get(0).sipStatus()).isEmpty();
    assertThat(fixture.outcomes).as("judged only once the INVITE ends")
        .doesNotContain("+918040000002 OUTGOING failed");
    fixture.assertNothingLeft();
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).hasSizeGreaterThan(1);
    assertThat(fixture.outcomes).as("no response ever came: silent indeed")
        .containsOnlyOnce("+918040000002 OUTGOING failed");
  }

  @Test
  void aPrimaryThatAnswersAfterTheFailoverTimeoutIsNotHeldAgainstItsNumber() {
    Invites invites = silentPrimaryGivenUp();
    Request first = invites.primary();
    Request second = invites.backup();

    // the carrier heard the INVITE; its ringing reached callmask too late (callmask's overload)
    fixture.from(PRIMARY_GATEWAY, primary.respond(first, 180, null));
    Request cancel = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.CANCEL);
    fixture.from(PRIMARY_GATEWAY, primary.respond(cancel, 200, null));
    fixture.from(PRIMARY_GATEWAY, primary.respond(first, 487, null));
    completeThroughBackup(second);
    fixture.assertNothingLeft();

    assertThat(fixture.outcomes).noneMatch(outcome -> outcome.startsWith("+918040000002"));
  }

  @Test
  void whileCallmaskHearsCarriersLateASilentPrimaryIsNotGivenUp() {
    Request invite = callPlacedWhileAnEarlierOneIsHeardLate();

    fixture.advance(CallFixture.FAILOVER.minusMillis(1500));
    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).isEmpty();
    fixture.from(PRIMARY_GATEWAY, primary.respond(invite, 180, null));

    fixture.advance(Duration.ofSeconds(10));
    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).isEmpty();
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).contains(180);
  }

  @Test
  void silenceIsJudgedAgainOnceNothingShowsCallmaskBehind() {
    callPlacedWhileAnEarlierOneIsHeardLate();

    fixture.advance(CallFixture.FAILOVER.minusMillis(1500));
    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).as("not judged").isEmpty();
    // no late response for a failover timeout: the primary's silence is its own
    fixture.advance(CallFixture.FAILOVER);

    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).hasSize(1);
  }

  @Test
  void provisionalWithinTheTimeoutKeepsThePrimary() {
    fixture.fromCaller(caller.invite());
    Request first = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, primary.respond(first, 100, null));

    fixture.advance(Duration.ofSeconds(10));

    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).isEmpty();
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.CANCEL)).isEmpty();
  }

  @Test
  void lateAnswerOfAGivenUpPrimaryIsHungUp() {
    Invites invites = silentPrimaryGivenUp();
    Request first = invites.primary();
    Request second = invites.backup();
    fixture.from(BACKUP_GATEWAY, backup.respond(second, 180, null));

    fixture.from(PRIMARY_GATEWAY, primary.respond(first, 200, CalleeCarrier.SDP));

    assertThat(tag(fixture.lastRequestTo(PRIMARY_GATEWAY, Request.ACK), ToHeader.NAME))
        .isEqualTo(primary.tag);
    assertThat(fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE)).isNotNull();
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 180);
  }

  @Test
  void anAnswerOfAGivenUpPrimaryAfterTheCallIsGoneIsStillAcknowledgedAndHungUp() {
    Request first = primaryGivenUpAndCallEnded();

    fixture.from(PRIMARY_GATEWAY, primary.respond(first, 200, CalleeCarrier.SDP));

    Request ack = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.ACK);
    Request bye = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE);
    assertThat(tag(ack, ToHeader.NAME)).isEqualTo(primary.tag);
    assertThat(tag(bye, ToHeader.NAME)).isEqualTo(primary.tag);
    assertThat(((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getSeqNumber())
        .isEqualTo(((CSeqHeader) first.getHeader(CSeqHeader.NAME)).getSeqNumber());
    assertThat(callId(ack)).isEqualTo(callId(first));
    assertThat(fixture.textSentTo(PRIMARY_GATEWAY)).doesNotContain("9845011111");
  }

  @Test
  void anAnswerFromAnAddressNoTrunkAllowsIsNotHungUp() {
    Request first = primaryGivenUpAndCallEnded();
    InetSocketAddress stranger = new InetSocketAddress("192.0.2.99", 5060);

    fixture.from(stranger, primary.respond(first, 200, CalleeCarrier.SDP));

    assertThat(fixture.sentTo(stranger)).isEmpty();
  }

  @Test
  void transportErrorToThePrimaryIsRetriedThroughTheBackup() {
    fixture.transport.failWhen(sent -> sent.destination().remote().equals(PRIMARY_GATEWAY));

    fixture.fromCaller(caller.invite());

    Request second = fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE);
    completeThroughBackup(second);
    assertThat(fixture.lastRecord().attempts().get(0).sipStatus()).isEmpty();
    fixture.assertNothingLeft();
  }

  @Test
  void primaryOnATrunkThatIsDownIsSkipped() {
    fixture.downTrunks.add("t1");

    fixture.fromCaller(caller.invite());

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).isEmpty();
    Request only = fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE);
    assertThat(uriOf(only, FromHeader.NAME)).contains("+918040000003");
    fixture.from(BACKUP_GATEWAY, backup.respond(only, 503, null));
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 500);
    assertThat(fixture.lastRecord().attempts()).hasSize(1);
  }

  @Test
  void primaryTrunkWithoutAGatewayFailsOverAndWithoutBothTheCallerGets502() {
    fixture.route = new RouteOutcome.Routed(CallFixture.SESSION, Side.CUSTOMER, CallFixture.CALLEE,
        new Presentation(CallFixture.PRIMARY, "gone"), new Presentation(CallFixture.BACKUP, "t2"));
    fixture.fromCaller(caller.invite());
    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).hasSize(1);

    fixture.route = new RouteOutcome.Routed(CallFixture.SESSION, Side.CUSTOMER, CallFixture.CALLEE,
        new Presentation(CallFixture.PRIMARY, "gone"), new Presentation(CallFixture.BACKUP, "lost"));
    CallerCarrier another = new CallerCarrier();
    fixture.fromCaller(another.invite());
    assertThat(fixture.lastResponseTo(CALLER_CARRIER, 502)).isNotNull();
    assertThat(fixture.lastRecord().attempts()).extracting(CallAttempt::trunk)
        .containsExactly("gone", "lost");
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 486, 600, 603})
  void calleesAnswerIsRelayedNeverRetried(int status) {
    fixture.fromCaller(caller.invite());
    Request first = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, primary.respond(first, status, null));

    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).isEmpty();
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, status);
    assertThat(fixture.lastRecord().status())
        .isEqualTo(status == 404 ? CallStatus.FAILED : CallStatus.BUSY);
  }

  @Test
  void failureOfTheBackupToo_isRelayedAndBlamesTheOutgoingSide() {
    fixture.fromCaller(caller.invite());
    fixture.from(PRIMARY_GATEWAY, primary.respond(
        fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE), 503, null));

    fixture.from(BACKUP_GATEWAY, backup.respond(
        fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE), 503, null));

    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 500);
    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).hasSize(1);
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.FAILED);
    assertThat(fixture.lastRecord().failure()).contains(FailureSide.OUTGOING);
    assertThat(fixture.controller.counters().failed()).isOne();
  }

  @Test
  void silentBackupTimesOutWith408() {
    fixture.fromCaller(caller.invite());
    fixture.advance(CallFixture.FAILOVER);

    fixture.advance(Duration.ofSeconds(33));

    // the 408 is retransmitted (timer G) as this caller never acknowledges it
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).startsWith(100, 408).containsOnly(100, 408);
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.FAILED);
  }

  @Test
  void cancelDuringFailoverCancelsTheBackupAttempt() {
    fixture.fromCaller(caller.invite());
    fixture.advance(CallFixture.FAILOVER);
    Request second = fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE);
    fixture.from(BACKUP_GATEWAY, backup.respond(second, 180, null));

    fixture.fromCaller(caller.cancel());

    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 180, 487);
    Request cancel = fixture.lastRequestTo(BACKUP_GATEWAY, Request.CANCEL);
    assertThat(callId(cancel)).isEqualTo(callId(second));
    fixture.from(BACKUP_GATEWAY, backup.respond(cancel, 200, null));
    fixture.from(BACKUP_GATEWAY, backup.respond(second, 487, null));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.CANCELED);
    fixture.assertNothingLeft();
  }

  @Test
  void cancelRightAfterAPrimaryFailureCancelsTheBackupOnceItRings() {
    fixture.fromCaller(caller.invite());
    fixture.from(PRIMARY_GATEWAY, primary.respond(
        fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE), 503, null));
    Request second = fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE);

    fixture.fromCaller(caller.cancel());
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 487);
    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.CANCEL)).isEmpty();

    fixture.from(BACKUP_GATEWAY, backup.respond(second, 180, null));
    Request cancel = fixture.lastRequestTo(BACKUP_GATEWAY, Request.CANCEL);
    fixture.from(BACKUP_GATEWAY, backup.respond(cancel, 200, null));
    fixture.from(BACKUP_GATEWAY, backup.respond(second, 487, null));
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 487);
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.CANCELED);
    fixture.assertNothingLeft();
  }

  /** The backup rings and answers; the caller acknowledges and hangs up. */
  /**
   * A silent primary is given up, the call completes through the backup and everything of it is
   * gone; returns the primary's INVITE.
   */
  private Request primaryGivenUpAndCallEnded() {
    Invites invites = silentPrimaryGivenUp();
    completeThroughBackup(invites.backup());
    fixture.assertNothingLeft();
    return invites.primary();
  }

  /**
   * Two calls reach the primary at once; the earlier one's 100 Trying is handled 1.5 s after its
   * INVITE left, which shows callmask behind on its input. Returns the later call's INVITE.
   */
  private Request callPlacedWhileAnEarlierOneIsHeardLate() {
    fixture.fromCaller(new CallerCarrier().invite());
    Request earlierInvite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.advance(Duration.ofMillis(1500));
    fixture.from(PRIMARY_GATEWAY, primary.respond(earlierInvite, 100, null));
    return invite;
  }

  /** The INVITEs of a call's two attempts. */
  private record Invites(Request primary, Request backup) {}

  /** A call whose primary stays silent until the failover timeout sends it to the backup. */
  private Invites silentPrimaryGivenUp() {
    fixture.fromCaller(caller.invite());
    Request primaryInvite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.advance(CallFixture.FAILOVER);
    return new Invites(primaryInvite, fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE));
  }

  private void completeThroughBackup(Request second) {
    fixture.from(BACKUP_GATEWAY, backup.respond(second, 180, null));
    fixture.from(BACKUP_GATEWAY, backup.respond(second, 200, CalleeCarrier.SDP));
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 180, 200);
    var ok = fixture.lastResponseTo(CALLER_CARRIER, 200);
    fixture.fromCaller(caller.ack(ok, 1, null));
    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.ACK)).hasSize(1);
    fixture.fromCaller(caller.inDialog(Request.BYE, tag(ok, ToHeader.NAME), "", null));
    Request bye = fixture.lastRequestTo(BACKUP_GATEWAY, Request.BYE);
    fixture.from(BACKUP_GATEWAY, backup.respond(bye, 200, null));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(fixture.textSentTo(CALLER_CARRIER)).doesNotContain("9887654321");
    assertThat(fixture.textSentTo(BACKUP_GATEWAY)).doesNotContain("9845011111", caller.callId);
  }
}
