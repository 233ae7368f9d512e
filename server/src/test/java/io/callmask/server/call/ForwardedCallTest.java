package io.callmask.server.call;

import static io.callmask.server.call.CallFixture.BACKUP_GATEWAY;
import static io.callmask.server.call.CallFixture.CALLER_CARRIER;
import static io.callmask.server.call.CallFixture.PRIMARY_GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.masking.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.OptionalInt;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** A forwarded call from INVITE to BYE: identities on each leg, relays, dialogs, ACKs. */
class ForwardedCallTest {

  private final CallFixture fixture = new CallFixture();
  private final CallerCarrier caller = new CallerCarrier();
  private final CalleeCarrier callee = new CalleeCarrier(PRIMARY_GATEWAY);

  @Test
  void calleeLegCarriesOnlyTheProxyIdentityAndFreshIdentifiers() {
    fixture.fromCaller(caller.invite());

    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    assertThat(invite.getRequestURI().toString()).isEqualTo("sip:+919887654321@198.51.100.1:5060");
    assertThat(uriOf(invite, ToHeader.NAME)).isEqualTo("sip:+919887654321@198.51.100.1:5060");
    assertThat(tag(invite, ToHeader.NAME)).isNull();
    assertThat(uriOf(invite, FromHeader.NAME)).isEqualTo("sip:+918040000002@192.0.2.10");
    assertThat(tag(invite, FromHeader.NAME)).matches("[0-9a-f]{16}");
    assertThat(invite.getHeader("P-Asserted-Identity").toString())
        .contains("<sip:+918040000002@192.0.2.10>");
    assertThat(callId(invite)).matches("[0-9a-f]{32}");
    assertThat(((MaxForwardsHeader) invite.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
        .isEqualTo(69);
    assertThat(((ContactHeader) invite.getHeader(ContactHeader.NAME)).getAddress().getURI()
        .toString()).isEqualTo("sip:192.0.2.10:5060");
    assertThat(invite.getHeader("Via").toString()).contains("192.0.2.10:5060");
    assertThat(headerNames(invite)).doesNotContain("Remote-Party-ID", "Diversion",
        "History-Info", "P-Preferred-Identity", "Privacy", "User-Agent", "Session-Expires");
    assertThat(values(invite, "Supported")).containsExactly("100rel");
    assertThat(new String(invite.getRawContent()))
        .contains("o=- 2890844526 2890844526 IN IP4 203.0.113.50")
        .contains("m=audio 20000 RTP/AVP 0 8");
    assertThat(fixture.textSentTo(PRIMARY_GATEWAY))
        .doesNotContain("9845011111", caller.callId, caller.tag);
  }

  @Test
  void ringingAndEarlyMediaReachTheCallerUnderItsOwnDialogWithNeutralisedSdp() {
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 180, null));
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 183, CalleeCarrier.SDP));

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 180, 183);
    Response ringing = fixture.lastResponseTo(CALLER_CARRIER, 180);
    Response progress = fixture.lastResponseTo(CALLER_CARRIER, 183);
    assertThat(callId(progress)).isEqualTo(caller.callId);
    assertThat(tag(progress, FromHeader.NAME)).isEqualTo(caller.tag);
    assertThat(tag(progress, ToHeader.NAME)).isEqualTo(tag(ringing, ToHeader.NAME))
        .isNotEqualTo(callee.tag).isNotNull();
    assertThat(((ContactHeader) progress.getHeader(ContactHeader.NAME)).getAddress().getURI()
        .toString()).isEqualTo("sip:192.0.2.10:5060");
    assertThat(new String(progress.getRawContent()))
        .contains("o=- 1 1 IN IP4 198.51.100.60")
        .contains("m=audio 30000 RTP/AVP 0");
    assertThat(fixture.textSentTo(CALLER_CARRIER))
        .doesNotContain("9887654321", callId(invite), callee.tag, tag(invite, FromHeader.NAME));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.RINGING);
  }

  @Test
  void answeredCallIsAcknowledgedOnBothLegsAndTheCallerHangsUp() {
    Request invite = answer();
    Response ok = fixture.lastResponseTo(CALLER_CARRIER, 200);
    // the offer went with the INVITE, so the answer's ACK carries nothing: it goes at once
    Request ack = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.ACK);

    fixture.fromCaller(caller.ack(ok, 1, null));
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK)).containsExactly(ack);
    assertThat(ack.getRequestURI().toString()).isEqualTo("sip:callee@198.51.100.1:5060");
    assertThat(seq(ack)).isEqualTo(1);
    assertThat(tag(ack, ToHeader.NAME)).isEqualTo(callee.tag);
    assertThat(callId(ack)).isEqualTo(callId(invite));

    fixture.fromCaller(caller.inDialog(Request.BYE, tag(ok, ToHeader.NAME), "", null));
    assertThat(fixture.lastResponseTo(CALLER_CARRIER, 200).getHeader(CSeqHeader.NAME).toString())
        .contains("BYE");
    Request bye = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE);
    assertThat(bye.getRequestURI().toString()).isEqualTo("sip:callee@198.51.100.1:5060");
    assertThat(seq(bye)).isEqualTo(2);
    assertThat(tag(bye, ToHeader.NAME)).isEqualTo(callee.tag);
    assertThat(fixture.controller.liveCalls()).isOne();

    fixture.from(PRIMARY_GATEWAY, callee.respond(bye, 200, null));

    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(fixture.lastRecord().from()).isEqualTo(Side.CUSTOMER);
    assertThat(fixture.lastRecord().session()).isEqualTo("session-1");
    assertThat(fixture.lastRecord().answeredAt()).isPresent();
    assertThat(fixture.lastRecord().attempts()).singleElement().satisfies(attempt -> {
      assertThat(attempt.trunk()).isEqualTo("t1");
      assertThat(attempt.presented()).isEqualTo(CallFixture.PRIMARY);
      assertThat(attempt.sipStatus()).isEqualTo(OptionalInt.of(200));
    });
    assertThat(fixture.outcomes).containsExactly(
        "+918040000002 OUTGOING ok", "+918040000001 INCOMING ok");
    assertThat(fixture.controller.counters().answered()).isOne();
    assertThat(fixture.textSentTo(CALLER_CARRIER)).doesNotContain("9887654321");
    assertThat(fixture.textSentTo(PRIMARY_GATEWAY)).doesNotContain("9845011111");
    fixture.assertNothingLeft();
  }

  @Test
  void lateOfferIsAnsweredInTheCallersAckAndRelayedInTheCalleesAck() {
    fixture.fromCaller(caller.invite(null));
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    assertThat(invite.getRawContent()).isNull();
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 200, CalleeCarrier.SDP));
    Response ok = fixture.lastResponseTo(CALLER_CARRIER, 200);
    assertThat(new String(ok.getRawContent())).contains("o=- 1 1 IN IP4 198.51.100.60");
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK)).isEmpty();

    fixture.fromCaller(caller.ack(ok, 1, CallerCarrier.SDP));

    Request ack = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.ACK);
    assertThat(new String(ack.getRawContent())).contains("o=- 2890844526 2890844526")
        .doesNotContain("9845011111");
  }

  @Test
  void calleeHangsUpAndTheCallerGetsTheBye() {
    Request invite = answer();
    Response ok = fixture.lastResponseTo(CALLER_CARRIER, 200);
    fixture.fromCaller(caller.ack(ok, 1, null));

    Request calleeBye = callee.inDialog(invite, Request.BYE, "", null);
    fixture.from(PRIMARY_GATEWAY, calleeBye);

    assertThat(fixture.lastResponseTo(PRIMARY_GATEWAY, 200).getHeader(CSeqHeader.NAME).toString())
        .contains("BYE");
    Request bye = fixture.lastRequestTo(CALLER_CARRIER, Request.BYE);
    assertThat(bye.getRequestURI().toString()).isEqualTo("sip:+919845011111@203.0.113.1:5060");
    assertThat(callId(bye)).isEqualTo(caller.callId);
    assertThat(tag(bye, FromHeader.NAME)).isEqualTo(tag(ok, ToHeader.NAME));
    assertThat(tag(bye, ToHeader.NAME)).isEqualTo(caller.tag);
    assertThat(fixture.textSentTo(CALLER_CARRIER)).doesNotContain("9887654321", callee.tag);

    fixture.fromCaller(CallFixture.ok(bye));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.COMPLETED);
    fixture.assertNothingLeft();
  }

  @Test
  void retransmittedAnswerIsAcknowledgedAgainWithTheSameAck() {
    Request invite = answer();
    Response calleeOk = callee.respond(invite, 200, CalleeCarrier.SDP);
    fixture.fromCaller(caller.ack(fixture.lastResponseTo(CALLER_CARRIER, 200), 1, null));

    fixture.from(PRIMARY_GATEWAY, calleeOk);
    fixture.advance(Duration.ofSeconds(40));
    fixture.from(PRIMARY_GATEWAY, calleeOk);

    List<Request> acks = fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK);
    // re-sent as the bytes of the first, so the same branch and everything else
    assertThat(acks).hasSize(3)
        .allSatisfy(ack -> assertThat(ack.toString()).isEqualTo(acks.get(0).toString()));
  }

  @Test
  void answerRetransmittedAfterTheCallEndedIsAcknowledgedAgainNotHungUpAgain() {
    Request invite = answer();
    Response ok = fixture.lastResponseTo(CALLER_CARRIER, 200);
    fixture.fromCaller(caller.ack(ok, 1, null));
    fixture.fromCaller(caller.inDialog(Request.BYE, tag(ok, ToHeader.NAME), "", null));
    fixture.from(PRIMARY_GATEWAY, callee.respond(
        fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE), 200, null));
    assertThat(fixture.controller.liveCalls()).isZero();

    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 200, CalleeCarrier.SDP));

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK)).hasSize(2);
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.BYE)).hasSize(1);
    fixture.assertNothingLeft();
  }

  @Test
  void aSecondForkThatAnswersIsAcknowledgedAndHungUp() {
    Request invite = answer();
    CalleeCarrier fork = new CalleeCarrier(PRIMARY_GATEWAY);

    fixture.from(PRIMARY_GATEWAY, fork.respond(invite, 200, CalleeCarrier.SDP));

    Request ack = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.ACK);
    Request bye = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE);
    assertThat(tag(ack, ToHeader.NAME)).isEqualTo(fork.tag);
    assertThat(tag(bye, ToHeader.NAME)).isEqualTo(fork.tag);
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsOnlyOnce(200);
  }

  @Test
  void callerCancellingWhileRingingCancelsTheCalleeAndGets487() {
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 180, null));

    fixture.fromCaller(caller.cancel());

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 180, 200, 487);
    Request cancel = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.CANCEL);
    assertThat(callId(cancel)).isEqualTo(callId(invite));
    assertThat(fixture.controller.liveCalls()).isOne();

    fixture.from(PRIMARY_GATEWAY, callee.respond(cancel, 200, null));
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 487, null));

    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.CANCELED);
    assertThat(fixture.lastRecord().failure()).isEmpty();
    assertThat(fixture.lastRecord().attempts().get(0).sipStatus()).isEqualTo(OptionalInt.of(487));
    fixture.assertNothingLeft();
  }

  @Test
  void aCancelledCalleeThatNeverSendsItsFinalResponseEndsTheCallAfter64T1() {
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 180, null));
    fixture.fromCaller(caller.cancel());
    // the CANCEL is answered, the INVITE never is (SIPp forgets a call it did not expect to end)
    fixture.from(PRIMARY_GATEWAY, callee.respond(
        fixture.lastRequestTo(PRIMARY_GATEWAY, Request.CANCEL), 200, null));

    fixture.advance(Duration.ofSeconds(31));
    assertThat(fixture.controller.liveCalls()).isOne();
    fixture.advance(Duration.ofSeconds(1));

    assertThat(fixture.controller.liveCalls()).isZero();
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.CANCELED);
    assertThat(fixture.lastRecord().endedAt()).isPresent();
    assertThat(fixture.lastRecord().attempts()).singleElement()
        .satisfies(attempt -> assertThat(attempt.sipStatus()).isEmpty());
    fixture.assertNothingLeft();
  }

  @Test
  void answerCrossingTheCallersCancelIsAcknowledgedAndHungUp() {
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 180, null));
    fixture.fromCaller(caller.cancel());

    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 200, CalleeCarrier.SDP));

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK)).hasSize(1);
    Request bye = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE);
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 180, 487);
    fixture.from(PRIMARY_GATEWAY, callee.respond(bye, 200, null));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.CANCELED);
    fixture.assertNothingLeft();
  }

  @Test
  void busyIsRelayedAndRecorded() {
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 486, null));

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 486);
    assertThat(fixture.requestsTo(BACKUP_GATEWAY, Request.INVITE)).isEmpty();
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.BUSY);
    assertThat(fixture.outcomes).containsExactly(
        "+918040000002 OUTGOING ok", "+918040000001 INCOMING ok");
    fixture.fromCaller(CallerCarrier.parse(String.join("\r\n",
        "ACK " + caller.invite.getRequestURI() + " SIP/2.0",
        caller.invite.getHeader("Via").toString().trim(),
        "Max-Forwards: 70",
        caller.invite.getHeader(FromHeader.NAME).toString().trim(),
        "To: <sip:+918040000001@192.0.2.10>;tag="
            + tag(fixture.lastResponseTo(CALLER_CARRIER, 486), ToHeader.NAME),
        "Call-ID: " + caller.callId,
        "CSeq: 1 ACK"), null));
    fixture.assertNothingLeft();
  }

  @Test
  void callerThatNeverAcknowledgesTheAnswerIsHungUpOnBothLegs() {
    Request invite = answer();

    fixture.advance(Duration.ofSeconds(33));

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK)).hasSize(1);
    Request calleeBye = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE);
    Request callerBye = fixture.lastRequestTo(CALLER_CARRIER, Request.BYE);
    assertThat(callId(calleeBye)).isEqualTo(callId(invite));
    assertThat(callId(callerBye)).isEqualTo(caller.callId);
    fixture.from(PRIMARY_GATEWAY, callee.respond(calleeBye, 200, null));
    fixture.fromCaller(CallFixture.ok(callerBye));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.FAILED);
    assertThat(fixture.lastRecord().failure())
        .contains(FailureSide.INCOMING);
    fixture.assertNothingLeft();
  }

  @Test
  void requestInAnUnknownDialogGets481() {
    fixture.fromCaller(caller.inDialog(Request.BYE, "no-such-tag", "", null));

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(481);
  }

  /** Sets the call up to the callee's 200 (relayed to the caller, not yet acknowledged). */
  private Request answer() {
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 180, null));
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 200, CalleeCarrier.SDP));
    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 180, 200);
    assertThat(new String(fixture.lastResponseTo(CALLER_CARRIER, 200).getRawContent()))
        .contains("o=- 1 1 IN IP4");
    return invite;
  }

  static String uriOf(Message message, String header) {
    Object value = message.getHeader(header);
    SipURI uri = (SipURI) (header.equals(ToHeader.NAME) ? ((ToHeader) value).getAddress().getURI()
        : ((FromHeader) value).getAddress().getURI());
    return uri.toString();
  }

  static String tag(Message message, String header) {
    return header.equals(ToHeader.NAME) ? ((ToHeader) message.getHeader(header)).getTag()
        : ((FromHeader) message.getHeader(header)).getTag();
  }

  static String callId(Message message) {
    return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
  }

  static long seq(Message message) {
    return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
  }

  static List<String> headerNames(Message message) {
    List<String> names = new ArrayList<>();
    ListIterator<?> it = message.getHeaderNames();
    while (it.hasNext()) {
      names.add(it.next().toString());
    }
    return names;
  }

  static List<String> values(Message message, String name) {
    List<String> values = new ArrayList<>();
    ListIterator<?> it = message.getHeaders(name);
    while (it.hasNext()) {
      String text = it.next().toString();
      values.add(text.substring(text.indexOf(':') + 1).trim());
    }
    return values;
  }
}
