package io.callmask.server.call;

import static io.callmask.server.call.CallFixture.BACKUP_GATEWAY;
import static io.callmask.server.call.CallFixture.CALLER_CARRIER;
import static io.callmask.server.call.CallFixture.PRIMARY_GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.masking.Side;
import java.time.Duration;
import java.util.OptionalInt;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * Click-to-call after RFC 3725 Flow I on a real transaction layer: the customer (first party)
 * behind the caller's carrier, the partner (second party) behind trunk t1; timers by hand.
 */
class ClickToCallTest {

  private final CallFixture fixture = new CallFixture();
  private final CalleeCarrier first = new CalleeCarrier(CALLER_CARRIER);
  private final CalleeCarrier second = new CalleeCarrier(PRIMARY_GATEWAY);

  @Test
  void theFirstPartyIsCalledWithoutAnOfferPresentingItsOwnProxy() {
    CallRecord started = start();

    Request invite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    assertThat(invite.getRequestURI().toString()).isEqualTo("sip:+919845011111@203.0.113.1:5060");
    assertThat(uri(invite, FromHeader.NAME)).isEqualTo("sip:+918040000001@192.0.2.10");
    assertThat(invite.getHeader("P-Asserted-Identity").toString())
        .contains("<sip:+918040000001@192.0.2.10>");
    assertThat(invite.getRawContent()).isNull();
    assertThat(fixture.textSentTo(CALLER_CARRIER)).doesNotContain("9887654321");
    assertThat(fixture.sentTo(PRIMARY_GATEWAY)).isEmpty();
    assertThat(started.kind()).isEqualTo(CallKind.CLICK_TO_CALL);
    assertThat(started.from()).isEqualTo(Side.CUSTOMER);
    assertThat(started.status()).isEqualTo(CallStatus.RINGING);
    assertThat(started.attempts()).singleElement().satisfies(attempt -> {
      assertThat(attempt.trunk()).isEqualTo("carrier-a");
      assertThat(attempt.presented()).isEqualTo(CallFixture.DIALED);
      assertThat(attempt.sipStatus()).isEmpty();
    });
    assertThat(fixture.controller.counters().clickToCallStarted()).isOne();
  }

  @Test
  void theFirstPartysOfferReachesTheSecondAndTheAnswerReturnsInTheFirstPartysAck() {
    start();
    Request firstInvite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    fixture.from(CALLER_CARRIER, first.respond(firstInvite, 180, null));
    fixture.from(CALLER_CARRIER, first.respond(firstInvite, 200, CallerCarrier.SDP));

    Request secondInvite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    assertThat(secondInvite.getRequestURI().toString())
        .isEqualTo("sip:+919887654321@198.51.100.1:5060");
    assertThat(uri(secondInvite, FromHeader.NAME)).isEqualTo("sip:+918040000002@192.0.2.10");
    assertThat(new String(secondInvite.getRawContent()))
        .contains("o=- 2890844526 2890844526 IN IP4 203.0.113.50")
        .contains("m=audio 20000 RTP/AVP 0 8");
    assertThat(fixture.requestsTo(CALLER_CARRIER, Request.ACK))
        .as("the first party's ACK waits for the answer").isEmpty();
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.RINGING);

    fixture.from(PRIMARY_GATEWAY, second.respond(secondInvite, 180, null));
    fixture.from(PRIMARY_GATEWAY, second.respond(secondInvite, 200, CalleeCarrier.SDP));

    Request secondAck = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.ACK);
    assertThat(secondAck.getRawContent()).isNull();
    assertThat(tag(secondAck, ToHeader.NAME)).isEqualTo(second.tag);
    Request firstAck = fixture.lastRequestTo(CALLER_CARRIER, Request.ACK);
    assertThat(callId(firstAck)).isEqualTo(callId(firstInvite));
    assertThat(tag(firstAck, ToHeader.NAME)).isEqualTo(first.tag);
    assertThat(new String(firstAck.getRawContent()))
        .contains("o=- 1 1 IN IP4 198.51.100.60")
        .contains("m=audio 30000 RTP/AVP 0");
    CallRecord answered = fixture.lastRecord();
    assertThat(answered.status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(answered.answeredAt()).isPresent();
    assertThat(answered.attempts()).extracting(a -> a.trunk() + " " + a.sipStatus())
        .containsExactly("carrier-a OptionalInt[200]", "t1 OptionalInt[200]");
    assertNeitherPartyLearnsTheOther(firstInvite, secondInvite);
    assertThat(fixture.controller.counters().clickToCallAnswered()).isOne();
  }

  @Test
  void whenJoinedEitherPartysByeHangsUpTheOther() {
    Request secondInvite = join();
    Request firstInvite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, second.inDialog(secondInvite, Request.BYE, "", null));

    assertThat(fixture.lastResponseTo(PRIMARY_GATEWAY, 200).getHeader(CSeqHeader.NAME)
        .toString()).contains("BYE");
    Request bye = fixture.lastRequestTo(CALLER_CARRIER, Request.BYE);
    assertThat(callId(bye)).isEqualTo(callId(firstInvite));
    assertThat(bye.getHeader("Reason")).isNull();
    fixture.from(CALLER_CARRIER, first.respond(bye, 200, null));

    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.COMPLETED);
    assertNeitherPartyLearnsTheOther(firstInvite, secondInvite);
    fixture.assertNothingLeft();
  }

  @Test
  void aJoinedCallWhoseHangUpWasLostEndsWhenAProbeFindsTheDialogGone() {
    join();
    // the second party hung up, but its BYE never arrived; the first party is still there
    fixture.advance(CallSettings.DEFAULT_PROBE_INTERVAL.minusSeconds(1));
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.OPTIONS)).isEmpty();
    fixture.advance(Duration.ofSeconds(1));

    Request toSecond = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.OPTIONS);
    Request toFirst = fixture.lastRequestTo(CALLER_CARRIER, Request.OPTIONS);
    assertThat(tag(toSecond, ToHeader.NAME)).isEqualTo(second.tag);
    assertThat(tag(toFirst, ToHeader.NAME)).isEqualTo(first.tag);
    fixture.from(CALLER_CARRIER, first.respond(toFirst, 200, null));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.ANSWERED);
    fixture.from(PRIMARY_GATEWAY, second.respond(toSecond, 481, null));

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.BYE)).isEmpty();
    Request bye = fixture.lastRequestTo(CALLER_CARRIER, Request.BYE);
    fixture.from(CALLER_CARRIER, first.respond(bye, 200, null));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(fixture.controller.liveCalls()).isZero();
    fixture.assertNothingLeft();
  }

  @Test
  void aJoinedCallWhosePartiesBothVanishedEndsWhenTheProbesGoUnanswered() {
    join();
    fixture.advance(CallSettings.DEFAULT_PROBE_INTERVAL);
    assertThat(fixture.requestsTo(CALLER_CARRIER, Request.OPTIONS)).hasSize(1);

    // no answer to either probe (timer F): the first loss hangs up the other leg, whose BYE
    // goes unanswered too
    fixture.advance(Duration.ofSeconds(32));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.ANSWERED);
    fixture.advance(Duration.ofSeconds(32));

    assertThat(fixture.controller.liveCalls()).isZero();
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.COMPLETED);
    fixture.assertNothingLeft();
  }

  @Test
  void aLiveCallAnswersItsProbesAndStaysUp() {
    join();
    for (int round = 1; round <= 3; round++) {
      fixture.advance(CallSettings.DEFAULT_PROBE_INTERVAL);
      fixture.from(CALLER_CARRIER, first.respond(
          fixture.lastRequestTo(CALLER_CARRIER, Request.OPTIONS), 200, null));
      fixture.from(PRIMARY_GATEWAY, second.respond(
          fixture.lastRequestTo(PRIMARY_GATEWAY, Request.OPTIONS), 405, null));
    }

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.OPTIONS)).hasSize(3);
    assertThat(fixture.requestsTo(CALLER_CARRIER, Request.BYE)).isEmpty();
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(fixture.controller.liveCalls()).isOne();
  }

  @Test
  void aReInviteOnceJoinedIsRelayedAndBeforeItIsRefusedAsPending() {
    start();
    Request firstInvite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    fixture.from(CALLER_CARRIER, first.respond(firstInvite, 200, CallerCarrier.SDP));
    fixture.from(CALLER_CARRIER, first.inDialog(firstInvite, Request.INFO, "", null));
    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(491);

    Request secondInvite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, second.respond(secondInvite, 200, CalleeCarrier.SDP));
    fixture.from(PRIMARY_GATEWAY, second.inDialog(secondInvite, Request.INVITE, "",
        CalleeCarrier.SDP));

    Request relayed = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    assertThat(relayed).isNotSameAs(firstInvite);
    assertThat(callId(relayed)).isEqualTo(callId(firstInvite));
    assertThat(new String(relayed.getRawContent())).contains("o=- 1 1 IN IP4 198.51.100.60");
    assertThat(fixture.textSentTo(CALLER_CARRIER)).doesNotContain("9887654321");
  }

  @Test
  void aBusySecondPartyEndsTheFirstWithAReasonAfterRefusingItsOffer() {
    Request secondInvite = secondRinging().second();

    fixture.from(PRIMARY_GATEWAY, second.respond(secondInvite, 486, null));

    Request ack = fixture.lastRequestTo(CALLER_CARRIER, Request.ACK);
    assertThat(new String(ack.getRawContent())).contains("m=audio 0 RTP/AVP 0")
        .doesNotContain("20000");
    Request bye = fixture.lastRequestTo(CALLER_CARRIER, Request.BYE);
    assertThat(bye.getHeader("Reason").toString().trim())
        .isEqualTo("Reason: SIP;cause=486;text=\"Busy Here\"");
    assertThat(fixture.sentTo(CALLER_CARRIER)).filteredOn(Request.class::isInstance)
        .extracting(m -> ((Request) m).getMethod()).containsExactly("INVITE", "ACK", "BYE");
    fixture.from(CALLER_CARRIER, first.respond(bye, 200, null));

    CallRecord record = fixture.lastRecord();
    assertThat(record.status()).isEqualTo(CallStatus.BUSY);
    assertThat(record.answeredAt()).isEmpty();
    assertThat(record.attempts()).extracting(a -> a.sipStatus())
        .containsExactly(OptionalInt.of(200), OptionalInt.of(486));
    fixture.assertNothingLeft();
  }

  @Test
  void aFirstPartyThatDoesNotAnswerInTimeIsCancelled() {
    start();
    Request invite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    fixture.from(CALLER_CARRIER, first.respond(invite, 180, null));

    fixture.advance(Duration.ofSeconds(29));
    assertThat(fixture.requestsTo(CALLER_CARRIER, Request.CANCEL)).isEmpty();
    fixture.advance(Duration.ofSeconds(1));

    Request cancel = fixture.lastRequestTo(CALLER_CARRIER, Request.CANCEL);
    fixture.from(CALLER_CARRIER, first.respond(cancel, 200, null));
    fixture.from(CALLER_CARRIER, first.respond(invite, 487, null));

    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(fixture.lastRecord().attempts()).singleElement()
        .satisfies(a -> assertThat(a.sipStatus()).isEqualTo(OptionalInt.of(487)));
    assertThat(fixture.sentTo(PRIMARY_GATEWAY)).isEmpty();
    fixture.assertNothingLeft();
  }

  @Test
  void aCancelledFirstPartyThatNeverSendsItsFinalResponseEndsTheCallAfter64T1() {
    start();
    Request invite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    fixture.from(CALLER_CARRIER, first.respond(invite, 180, null));
    fixture.advance(Duration.ofSeconds(30));
    // the CANCEL is answered, the INVITE never is (SIPp forgets a call it did not expect to end)
    fixture.from(CALLER_CARRIER, first.respond(
        fixture.lastRequestTo(CALLER_CARRIER, Request.CANCEL), 200, null));

    fixture.advance(Duration.ofSeconds(31));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.RINGING);
    fixture.advance(Duration.ofSeconds(1));

    assertThat(fixture.controller.liveCalls()).isZero();
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(fixture.lastRecord().endedAt()).isPresent();
    assertThat(fixture.sentTo(PRIMARY_GATEWAY)).isEmpty();
    fixture.assertNothingLeft();
  }

  @Test
  void aSecondPartyCancelledAfterTheFirstHungUpEndsTheCallEvenWithoutItsFinalResponse() {
    Request firstInvite = secondRinging().first();
    fixture.from(CALLER_CARRIER, first.inDialog(firstInvite, Request.BYE, "", null));
    fixture.from(PRIMARY_GATEWAY, second.respond(
        fixture.lastRequestTo(PRIMARY_GATEWAY, Request.CANCEL), 200, null));

    fixture.advance(Duration.ofSeconds(32));

    assertThat(fixture.controller.liveCalls()).isZero();
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.CANCELED);
    fixture.assertNothingLeft();
  }

  @Test
  void theFirstPartyHangingUpWhileTheSecondRingsCancelsTheSecond() {
    Invites invites = secondRinging();
    Request firstInvite = invites.first();
    Request secondInvite = invites.second();

    fixture.from(CALLER_CARRIER, first.inDialog(firstInvite, Request.BYE, "", null));

    assertThat(fixture.lastResponseTo(CALLER_CARRIER, 200).getHeader(CSeqHeader.NAME)
        .toString()).contains("BYE");
    assertThat(new String(fixture.lastRequestTo(CALLER_CARRIER, Request.ACK).getRawContent()))
        .contains("m=audio 0 ");
    Request cancel = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.CANCEL);
    assertThat(callId(cancel)).isEqualTo(callId(secondInvite));
    fixture.from(PRIMARY_GATEWAY, second.respond(cancel, 200, null));
    fixture.from(PRIMARY_GATEWAY, second.respond(secondInvite, 487, null));

    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.CANCELED);
    assertThat(fixture.requestsTo(CALLER_CARRIER, Request.BYE)).isEmpty();
    fixture.assertNothingLeft();
  }

  @Test
  void theSecondPartyRingsNoLongerThanTheFirstPartysAnswerMayWait() {
    CallFixture patient = new CallFixture(new CallSettings(CallFixture.FAILOVER, "IN",
        Duration.ofSeconds(60), Duration.ofSeconds(30)));
    patient.controller.clickToCall(CallFixture.clickToCallPlan());
    Request firstInvite = patient.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    Response firstOk = first.respond(firstInvite, 200, CallerCarrier.SDP);
    patient.from(CALLER_CARRIER, firstOk);
    Request secondInvite = patient.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    patient.from(PRIMARY_GATEWAY, second.respond(secondInvite, 180, null));

    patient.advance(Duration.ofSeconds(10));
    patient.from(CALLER_CARRIER, firstOk);
    assertThat(patient.requestsTo(CALLER_CARRIER, Request.ACK))
        .as("a retransmitted 2xx waits for the answer too").isEmpty();
    patient.advance(Duration.ofSeconds(20));

    assertThat(patient.lastRequestTo(PRIMARY_GATEWAY, Request.CANCEL)).isNotNull();
    assertThat(patient.lastRequestTo(CALLER_CARRIER, Request.ACK)).isNotNull();
    assertThat(patient.lastRequestTo(CALLER_CARRIER, Request.BYE).getHeader("Reason")
        .toString()).contains("cause=480");
    patient.from(PRIMARY_GATEWAY, second.respond(secondInvite, 487, null));
    patient.from(CALLER_CARRIER, first.respond(
        patient.lastRequestTo(CALLER_CARRIER, Request.BYE), 200, null));
    assertThat(patient.lastRecord().status()).isEqualTo(CallStatus.NO_ANSWER);
    patient.assertNothingLeft();
  }

  @Test
  void eachLegFailsOverToItsBackupTrunk() {
    start();
    Request firstPrimary = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    fixture.from(CALLER_CARRIER, first.respond(firstPrimary, 503, null));

    Request firstBackup = fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE);
    assertThat(firstBackup.getRequestURI().toString()).startsWith("sip:+919845011111@");
    assertThat(uri(firstBackup, FromHeader.NAME)).isEqualTo("sip:+918040000004@192.0.2.10");
    CalleeCarrier firstViaBackup = new CalleeCarrier(BACKUP_GATEWAY);
    fixture.from(BACKUP_GATEWAY, firstViaBackup.respond(firstBackup, 200, CallerCarrier.SDP));

    Request secondPrimary = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.advance(CallFixture.FAILOVER);
    Request secondBackup = fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE).get(1);
    assertThat(secondBackup.getRequestURI().toString()).startsWith("sip:+919887654321@");
    assertThat(uri(secondBackup, FromHeader.NAME)).isEqualTo("sip:+918040000003@192.0.2.10");
    assertThat(new String(secondBackup.getRawContent())).contains("m=audio 20000");
    CalleeCarrier secondViaBackup = new CalleeCarrier(BACKUP_GATEWAY);
    fixture.from(BACKUP_GATEWAY, secondViaBackup.respond(secondBackup, 200, CalleeCarrier.SDP));

    assertThat(fixture.lastRecord().attempts())
        .extracting(a -> a.trunk() + " " + a.presented().e164() + " " + a.sipStatus())
        .containsExactly("carrier-a +918040000001 OptionalInt[503]",
            "t2 +918040000004 OptionalInt[200]",
            "t1 +918040000002 OptionalInt.empty",
            "t2 +918040000003 OptionalInt[200]");
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(secondPrimary.getRawContent()).isNotNull();
    assertThat(fixture.controller.counters().failovers()).isEqualTo(2);
  }

  @Test
  void aFirstLegWhoseTrunkIsDownGoesStraightToItsBackup() {
    fixture.downTrunks.add("carrier-a");

    start();

    assertThat(fixture.sentTo(CALLER_CARRIER)).isEmpty();
    assertThat(uri(fixture.lastRequestTo(BACKUP_GATEWAY, Request.INVITE), FromHeader.NAME))
        .isEqualTo("sip:+918040000004@192.0.2.10");
  }

  @Test
  void aFirstPartyThatIsBusyEndsTheCallBeforeTheSecondIsCalled() {
    start();
    Request invite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);

    fixture.from(CALLER_CARRIER, first.respond(invite, 486, null));

    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.BUSY);
    assertThat(fixture.sentTo(PRIMARY_GATEWAY)).isEmpty();
    assertThat(fixture.sentTo(BACKUP_GATEWAY)).isEmpty();
    fixture.assertNothingLeft();
  }

  @Test
  void theGuardHoldsBackAnOfferTheRewriteForgotToNeutraliseAndTheFirstPartyIsReleased() {
    CallFixture broken = new CallFixture(new IdentityRewriter(IdentityRewriter.SAFE_HEADERS,
        sdp -> sdp), Runnable::run);
    broken.controller.clickToCall(CallFixture.clickToCallPlan());
    Request firstInvite = broken.lastRequestTo(CALLER_CARRIER, Request.INVITE);

    broken.from(CALLER_CARRIER, first.respond(firstInvite, 200, CallerCarrier.SDP));

    assertThat(broken.sentTo(PRIMARY_GATEWAY)).isEmpty();
    Request bye = broken.lastRequestTo(CALLER_CARRIER, Request.BYE);
    assertThat(bye.getHeader("Reason").toString()).contains("cause=500");
    broken.from(CALLER_CARRIER, first.respond(bye, 200, null));
    assertThat(broken.lastRecord().status()).isEqualTo(CallStatus.FAILED);
    broken.assertNothingLeft();
  }

  @Test
  void drainingRefusesNewClickToCallsAndHangsUpOnesInProgress() {
    join();

    assertThat(fixture.controller.drain(Duration.ZERO, Duration.ZERO)).isFalse();

    assertThat(fixture.controller.clickToCall(CallFixture.clickToCallPlan()))
        .isInstanceOf(ClickToCallOutcome.Draining.class);
    assertThat(fixture.lastRequestTo(CALLER_CARRIER, Request.BYE).getHeader("Reason")
        .toString()).contains("cause=503");
    assertThat(fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE)).isNotNull();
  }

  // ---- helpers ----

  private CallRecord start() {
    return ((ClickToCallOutcome.Started) fixture.controller
        .clickToCall(CallFixture.clickToCallPlan())).call();
  }

  /** The two parties' INVITEs. */
  private record Invites(Request first, Request second) {}

  /** The first party answers and the second rings. */
  private Invites secondRinging() {
    start();
    Request firstInvite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    fixture.from(CALLER_CARRIER, first.respond(firstInvite, 200, CallerCarrier.SDP));
    Request secondInvite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, second.respond(secondInvite, 180, null));
    return new Invites(firstInvite, secondInvite);
  }

  /** Both parties answer; returns the second party's INVITE. */
  private Request join() {
    start();
    Request firstInvite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    fixture.from(CALLER_CARRIER, first.respond(firstInvite, 200, CallerCarrier.SDP));
    Request secondInvite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, second.respond(secondInvite, 200, CalleeCarrier.SDP));
    return secondInvite;
  }

  /** Nothing sent to one party names the other's number or its leg's identifiers. */
  private void assertNeitherPartyLearnsTheOther(Request firstInvite, Request secondInvite) {
    assertThat(fixture.textSentTo(CALLER_CARRIER)).doesNotContain("9887654321",
        callId(secondInvite), tag(secondInvite, FromHeader.NAME), second.tag);
    assertThat(fixture.textSentTo(PRIMARY_GATEWAY)).doesNotContain("9845011111",
        callId(firstInvite), tag(firstInvite, FromHeader.NAME), first.tag);
  }

  private static String uri(Message message, String header) {
    Object value = message.getHeader(header);
    return value instanceof FromHeader from ? from.getAddress().getURI().toString()
        : ((ToHeader) value).getAddress().getURI().toString();
  }

  private static String tag(Message message, String header) {
    Object value = message.getHeader(header);
    return value instanceof FromHeader from ? from.getTag() : ((ToHeader) value).getTag();
  }

  private static String callId(Message message) {
    return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
  }
}
