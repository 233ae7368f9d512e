package io.callmask.server.call;

import static io.callmask.server.call.CallFixture.CALLER_CARRIER;
import static io.callmask.server.call.CallFixture.PRIMARY_GATEWAY;
import static io.callmask.server.call.ForwardedCallTest.callId;
import static io.callmask.server.call.ForwardedCallTest.seq;
import static io.callmask.server.call.ForwardedCallTest.tag;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.header.CSeqHeader;
import javax.sip.header.RAckHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** re-INVITE, UPDATE, INFO and PRACK pass between the legs, each in the other leg's dialog. */
class MidCallRelayTest {

  private static final String NEW_OFFER = CallerCarrier.SDP.replace("20000", "20002")
      .replace("2890844526 2890844526", "2890844526 2890844527");

  private final CallFixture fixture = new CallFixture();
  private final CallerCarrier caller = new CallerCarrier();
  private final CalleeCarrier callee = new CalleeCarrier(PRIMARY_GATEWAY);
  private Request calleeInvite;
  private String callerLegTag;

  @Test
  void callersReInviteIsRelayedAndItsAckFollows() {
    connect();

    Request reinvite = caller.inDialog(Request.INVITE, callerLegTag, "", NEW_OFFER);
    fixture.fromCaller(reinvite);

    Request relayed = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    assertThat(relayed).isNotSameAs(calleeInvite);
    assertThat(callId(relayed)).isEqualTo(callId(calleeInvite));
    assertThat(seq(relayed)).isEqualTo(2);
    assertThat(tag(relayed, ToHeader.NAME)).isEqualTo(callee.tag);
    assertThat(relayed.getRequestURI().toString()).isEqualTo("sip:callee@198.51.100.1:5060");
    assertThat(new String(relayed.getRawContent())).contains("o=- 2890844526 2890844527")
        .contains("m=audio 20002");

    Response calleeOk = callee.respond(relayed, 200, CalleeCarrier.SDP);
    fixture.from(PRIMARY_GATEWAY, calleeOk);
    Response ok = fixture.lastResponseTo(CALLER_CARRIER, 200);
    assertThat(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber())
        .isEqualTo(caller.cseq());
    assertThat(new String(ok.getRawContent())).contains("o=- 1 1");
    // the re-INVITE carried the offer: its answer is acknowledged at once
    Request ack = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.ACK);
    assertThat(seq(ack)).isEqualTo(2);

    fixture.fromCaller(caller.ack(ok, caller.cseq(), null));
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK)).hasSize(2);
    assertThat(fixture.textSentTo(PRIMARY_GATEWAY)).doesNotContain("9845011111", caller.callId);
    assertThat(fixture.textSentTo(CALLER_CARRIER)).doesNotContain("9887654321", callee.tag);
  }

  @Test
  void offerlessReInviteWaitsForTheAnswerInTheAck() {
    connect();

    fixture.fromCaller(caller.inDialog(Request.INVITE, callerLegTag, "", null));
    Request relayed = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, callee.respond(relayed, 200, CalleeCarrier.SDP));
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK)).hasSize(1);

    fixture.fromCaller(caller.ack(fixture.lastResponseTo(CALLER_CARRIER, 200), caller.cseq(),
        NEW_OFFER));

    Request ack = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.ACK);
    assertThat(seq(ack)).isEqualTo(2);
    assertThat(new String(ack.getRawContent())).contains("m=audio 20002");
  }

  @Test
  void calleesReInviteIsRelayedToTheCallersContact() {
    connect();

    Request reinvite = callee.inDialog(calleeInvite, Request.INVITE, "", CalleeCarrier.SDP);
    fixture.from(PRIMARY_GATEWAY, reinvite);

    Request relayed = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    assertThat(relayed.getRequestURI().toString()).isEqualTo("sip:+919845011111@203.0.113.1:5060");
    assertThat(callId(relayed)).isEqualTo(caller.callId);
    assertThat(tag(relayed, ToHeader.NAME)).isEqualTo(caller.tag);
    assertThat(seq(relayed)).isEqualTo(1);

    fixture.fromCaller(caller.respondTo(relayed, 200, CallerCarrier.SDP));
    Response ok = fixture.lastResponseTo(PRIMARY_GATEWAY, 200);
    assertThat(new String(ok.getRawContent())).contains("o=- 2890844526");
    fixture.from(PRIMARY_GATEWAY, callee.ack(reinvite, ok));
    assertThat(seq(fixture.lastRequestTo(CALLER_CARRIER, Request.ACK))).isEqualTo(1);
    assertThat(fixture.textSentTo(CALLER_CARRIER)).doesNotContain("9887654321");
  }

  @Test
  void infoAndUpdateCrossInBothDirections() {
    connect();

    fixture.fromCaller(caller.inDialog(Request.INFO, callerLegTag,
        "Content-Type: application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
    Request info = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INFO);
    assertThat(new String(info.getRawContent())).contains("Signal=5");
    fixture.from(PRIMARY_GATEWAY, callee.respond(info, 200, null));
    assertThat(fixture.lastResponseTo(CALLER_CARRIER, 200).getHeader(CSeqHeader.NAME).toString())
        .contains("INFO");

    fixture.from(PRIMARY_GATEWAY, callee.inDialog(calleeInvite, Request.UPDATE, "",
        CalleeCarrier.SDP));
    Request update = fixture.lastRequestTo(CALLER_CARRIER, Request.UPDATE);
    assertThat(new String(update.getRawContent())).contains("o=- 1 1");
    fixture.fromCaller(caller.respondTo(update, 200, CallerCarrier.SDP));
    assertThat(fixture.lastResponseTo(PRIMARY_GATEWAY, 200).getHeader(CSeqHeader.NAME)
        .toString()).contains("UPDATE");
  }

  @Test
  void reliableProvisionalIsRelayedAndItsPrackNamesTheCalleesInvite() {
    fixture.fromCaller(caller.invite());
    calleeInvite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, callee.respond(calleeInvite, 183, CalleeCarrier.SDP,
        "Require: 100rel", "RSeq: 7"));
    Response progress = fixture.lastResponseTo(CALLER_CARRIER, 183);
    assertThat(ForwardedCallTest.values(progress, "Require")).containsExactly("100rel");
    assertThat(progress.getHeader("RSeq").toString()).contains("7");

    fixture.fromCaller(caller.inDialog(Request.PRACK, tag(progress, ToHeader.NAME),
        "RAck: 7 1 INVITE", null));

    Request prack = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.PRACK);
    RAckHeader rack = (RAckHeader) prack.getHeader(RAckHeader.NAME);
    assertThat(rack.getRSeqNumber()).isEqualTo(7);
    assertThat(rack.getCSeqNumber()).isEqualTo(seq(calleeInvite));
    assertThat(tag(prack, ToHeader.NAME)).isEqualTo(callee.tag);
    fixture.from(PRIMARY_GATEWAY, callee.respond(prack, 200, null));
    assertThat(fixture.lastResponseTo(CALLER_CARRIER, 200).getHeader(CSeqHeader.NAME).toString())
        .contains("PRACK");
  }

  @Test
  void secondReInviteWhileOneIsPendingGets491() {
    connect();
    fixture.fromCaller(caller.inDialog(Request.INVITE, callerLegTag, "", NEW_OFFER));

    fixture.from(PRIMARY_GATEWAY, callee.inDialog(calleeInvite, Request.INVITE, "",
        CalleeCarrier.SDP));

    assertThat(fixture.statusesTo(PRIMARY_GATEWAY)).contains(491);
  }

  @Test
  void reInviteAnswered481EndsTheCall() {
    connect();
    fixture.fromCaller(caller.inDialog(Request.INVITE, callerLegTag, "", NEW_OFFER));
    Request relayed = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);

    fixture.from(PRIMARY_GATEWAY, callee.respond(relayed, 481, null));

    assertThat(fixture.statusesTo(CALLER_CARRIER)).contains(481);
    Request bye = fixture.lastRequestTo(CALLER_CARRIER, Request.BYE);
    fixture.fromCaller(CallFixture.ok(bye));
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.BYE)).isEmpty();
    fixture.assertNothingLeft();
  }

  @Test
  void outOfOrderRequestGets500() {
    connect();
    Request first = caller.inDialog(Request.INFO, callerLegTag, "", null);
    Request second = caller.inDialog(Request.INFO, callerLegTag, "", null);
    fixture.fromCaller(second);

    fixture.fromCaller(first);

    assertThat(fixture.statusesTo(CALLER_CARRIER)).endsWith(500);
  }

  /** Sets the call up to both ACKs. */
  private void connect() {
    fixture.fromCaller(caller.invite());
    calleeInvite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, callee.respond(calleeInvite, 200, CalleeCarrier.SDP));
    Response ok = fixture.lastResponseTo(CALLER_CARRIER, 200);
    callerLegTag = tag(ok, ToHeader.NAME);
    fixture.fromCaller(caller.ack(ok, 1, null));
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.ACK)).hasSize(1);
  }
}
