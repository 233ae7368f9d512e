package io.callmask.server.call;

import static io.callmask.server.call.CallFixture.CALLER_CARRIER;
import static io.callmask.server.call.CallFixture.PRIMARY_GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.calls.CallStatus;
import io.callmask.server.masking.RouteOutcome;
import io.callmask.sip.message.BranchId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** What the controller answers before any call exists, and how it drains for shutdown. */
class CallControllerTest {

  private final CallFixture fixture = new CallFixture();
  private final CallerCarrier caller = new CallerCarrier();

  @Test
  void optionsIsAnsweredFromAnyone() {
    Request options = caller.inDialog(Request.OPTIONS, "x", "", null);
    options.removeHeader(ToHeader.NAME);
    options.addHeader(((ToHeader) caller.invite().getHeader(ToHeader.NAME)));
    InetSocketAddress stranger = new InetSocketAddress("192.0.2.99", 5060);

    fixture.from(stranger, options);

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(200);
    assertThat(ForwardedCallTest.headerNames(fixture.lastResponseTo(CALLER_CARRIER, 200)))
        .contains("Allow");
  }

  @Test
  void inviteFromAnAddressNoTrunkAllowsGets403() {
    fixture.from(new InetSocketAddress("192.0.2.99", 5060), caller.invite());

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 403);
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).isEmpty();
  }

  @Test
  void unknownCallerGets404AndNothingIsRecorded() {
    fixture.fromCaller(caller.callingFrom("+919999999999").withHeaders("").invite());

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 404);
    assertThat(fixture.records).isEmpty();
    assertThat(fixture.outcomes).isEmpty();
  }

  @Test
  void callerIsTheAssertedIdentityRatherThanFrom() {
    fixture.fromCaller(caller.callingFrom("anonymous").invite());

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).hasSize(1);
  }

  @Test
  void nationalFormsAreReadInTheDefaultCountry() {
    fixture.fromCaller(caller.dialing("08040000001").callingFrom("09845011111").withHeaders("")
        .invite());

    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).hasSize(1);
  }

  @Test
  void closedSessionGets480() {
    fixture.route = new RouteOutcome.SessionClosed(CallFixture.SESSION);

    fixture.fromCaller(caller.invite());

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 480);
  }

  @Test
  void dialedTextThatIsNoNumberGets484() {
    fixture.fromCaller(caller.dialing("support").invite());

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 484);
  }

  @Test
  void maxForwardsZeroGets483AndTheCalleeLegGetsOneLess() {
    fixture.fromCaller(caller.withMaxForwards(0).invite());
    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 483);

    CallerCarrier another = new CallerCarrier().withMaxForwards(1);
    fixture.fromCaller(another.invite());
    assertThat(fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE)
        .getHeader("Max-Forwards").toString()).contains("0");
  }

  @Test
  void inviteThatAlreadyPassedThroughUsGets482() throws Exception {
    Request looped = caller.invite();
    looped.addLast(CallerCarrier.parse(String.join("\r\n",
        "OPTIONS sip:x@192.0.2.10 SIP/2.0",
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=" + BranchId.next(),
        "Max-Forwards: 70", "From: <sip:x@192.0.2.10>;tag=1", "To: <sip:x@192.0.2.10>",
        "Call-ID: x", "CSeq: 1 OPTIONS"), null).getHeader("Via"));

    fixture.fromCaller(looped);

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 482);
  }

  @Test
  void requiredExtensionWeCannotRelayGets420() {
    fixture.fromCaller(caller.withHeaders("Require: timer").invite());

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 420);
    assertThat(fixture.lastResponseTo(CALLER_CARRIER, 420).getHeader("Unsupported").toString())
        .contains("timer");
  }

  @Test
  void initialRequestsOtherThanInviteAreRefused() {
    Request bye = caller.inDialog(Request.BYE, "x", "", null);
    bye.setHeader(caller.invite().getHeader(ToHeader.NAME));
    Request message = caller.inDialog("MESSAGE", "x", "", null);
    message.setHeader(caller.invite().getHeader(ToHeader.NAME));

    fixture.fromCaller(bye);
    fixture.fromCaller(message);

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(481, 405);
  }

  @Test
  void saturatedLookupsRefuseWith503AndRetryAfter() {
    CallFixture busy = new CallFixture(IdentityRewriter.STANDARD, task -> {
      throw new RejectedExecutionException("full");
    });

    busy.fromCaller(caller.invite());

    assertThat(busy.statusesTo(CALLER_CARRIER)).containsExactly(100, 503);
    assertThat(busy.lastResponseTo(CALLER_CARRIER, 503).getHeader("Retry-After")).isNotNull();
    busy.assertNothingLeft();
  }

  @Test
  void lookupRunsOnTheLookupExecutorAndCancelMeanwhileEndsTheCall() {
    List<Runnable> queued = new ArrayList<>();
    CallFixture deferred = deferredLookups(queued);
    deferred.fromCaller(caller.invite());
    assertThat(deferred.statusesTo(CALLER_CARRIER)).containsExactly(100);
    assertThat(queued).hasSize(1);

    deferred.fromCaller(caller.cancel());
    queued.get(0).run();

    assertThat(deferred.inviteStatusesTo(CALLER_CARRIER)).containsExactly(100, 487);
    assertThat(deferred.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).isEmpty();
    deferred.assertNothingLeft();
  }

  @Test
  void aRouteKnownInMemoryIsTakenAtOnceWithoutTheLookupExecutor() {
    List<Runnable> queued = new ArrayList<>();
    CallFixture deferred = deferredLookups(queued);
    deferred.routesInMemory = true;

    deferred.fromCaller(caller.invite());

    assertThat(queued).isEmpty();
    assertThat(deferred.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).hasSize(1);
  }

  @Test
  void aFailingMemoryLeavesTheRouteToTheLookup() {
    List<Runnable> queued = new ArrayList<>();
    CallFixture deferred = deferredLookups(queued);
    deferred.memoryFails = true;

    deferred.fromCaller(caller.invite());
    assertThat(deferred.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).isEmpty();
    queued.forEach(Runnable::run);

    assertThat(queued).hasSize(1);
    assertThat(deferred.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).hasSize(1);
  }

  @Test
  void drainingRefusesNewCallsWith503WhileCallsInProgressGoOn() {
    Answered call = answeredCall();

    fixture.controller.stopTakingCalls();
    CallerCarrier late = new CallerCarrier();
    fixture.fromCaller(late.invite());

    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).endsWith(503);
    assertThat(fixture.lastResponseTo(CALLER_CARRIER, 503).getHeader("Retry-After").toString())
        .contains("30");
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).hasSize(1);
    hangUp(call);
    assertThat(fixture.controller.drain(Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void whileBehindOnInputNewCallsGet503AndCallsInProgressGoOn() {
    Answered call = answeredCall();

    int transactions = fixture.layer.size();
    List<Integer> before = fixture.inviteStatusesTo(CALLER_CARRIER);
    fixture.inputLag = CallFixture.OVERLOAD_LIMIT;
    fixture.fromCaller(new CallerCarrier().invite());

    // refused without a transaction (RFC 3261 §8.2.7): no 100 Trying, nothing kept
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).hasSize(before.size() + 1).endsWith(503);
    assertThat(fixture.layer.size()).isEqualTo(transactions);
    assertThat(fixture.lastResponseTo(CALLER_CARRIER, 503).getHeader("Retry-After").toString())
        .isEqualToIgnoringWhitespace("Retry-After:1");
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).hasSize(1);
    assertThat(fixture.controller.refusedForOverload()).isEqualTo(1);
    hangUp(call);
    assertThat(fixture.records.stream().map(r -> r.id()).distinct()).hasSize(1);
  }

  @Test
  void newCallsAreTakenAgainOnceTheLagFallsBelowTheLimit() {
    fixture.inputLag = CallFixture.OVERLOAD_LIMIT.multipliedBy(3);
    fixture.fromCaller(new CallerCarrier().invite());
    fixture.inputLag = CallFixture.OVERLOAD_LIMIT.minusMillis(1);
    fixture.fromCaller(caller.invite());

    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).contains(503);
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.INVITE)).hasSize(1);
    assertThat(fixture.controller.refusedForOverload()).isEqualTo(1);
  }

  @Test
  void whileBehindOnInputAnInviteNoTrunkAllowsStillGets403() {
    fixture.inputLag = CallFixture.OVERLOAD_LIMIT;
    fixture.from(new InetSocketAddress("192.0.2.99", 5060), caller.invite());

    assertThat(fixture.statusesTo(CALLER_CARRIER)).containsExactly(100, 403);
    assertThat(fixture.controller.refusedForOverload()).isZero();
  }

  /** A fixture whose route lookups wait in {@code queued} until a test runs them. */
  private static CallFixture deferredLookups(List<Runnable> queued) {
    return new CallFixture(IdentityRewriter.STANDARD, queued::add);
  }

  /** A call from {@link #caller} the callee answered, and the 200 the caller acknowledged. */
  private record Answered(CalleeCarrier callee, Response ok) {}

  private Answered answeredCall() {
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    CalleeCarrier callee = new CalleeCarrier(PRIMARY_GATEWAY);
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 200, CalleeCarrier.SDP));
    Response ok = fixture.lastResponseTo(CALLER_CARRIER, 200);
    fixture.fromCaller(caller.ack(ok, 1, null));
    return new Answered(callee, ok);
  }

  /** The caller hangs {@code call} up and the callee answers the BYE: the call is completed. */
  private void hangUp(Answered call) {
    fixture.fromCaller(caller.inDialog(Request.BYE,
        ForwardedCallTest.tag(call.ok(), ToHeader.NAME), "", null));
    fixture.from(PRIMARY_GATEWAY, call.callee().respond(
        fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE), 200, null));
    assertThat(fixture.lastRecord().status()).isEqualTo(CallStatus.COMPLETED);
  }

  @Test
  void drainTimeoutHangsUpWhatRemains() {
    fixture.fromCaller(caller.invite());
    Request invite = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    CalleeCarrier callee = new CalleeCarrier(PRIMARY_GATEWAY);
    fixture.from(PRIMARY_GATEWAY, callee.respond(invite, 200, CalleeCarrier.SDP));
    fixture.fromCaller(caller.ack(fixture.lastResponseTo(CALLER_CARRIER, 200), 1, null));
    CallerCarrier ringing = new CallerCarrier();
    fixture.fromCaller(ringing.invite());
    Request second = fixture.lastRequestTo(PRIMARY_GATEWAY, Request.INVITE);
    fixture.from(PRIMARY_GATEWAY, callee.respond(second, 180, null));

    boolean clean = fixture.controller.drain(Duration.ofMillis(1), Duration.ZERO);

    assertThat(clean).isFalse();
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.BYE)).hasSize(1);
    assertThat(fixture.requestsTo(CALLER_CARRIER, Request.BYE)).hasSize(1);
    assertThat(fixture.requestsTo(PRIMARY_GATEWAY, Request.CANCEL)).hasSize(1);
    assertThat(fixture.inviteStatusesTo(CALLER_CARRIER)).endsWith(503);
    assertThat(fixture.records.stream().filter(r -> r.status().isFinal()).toList()).isEmpty();
    fixture.from(PRIMARY_GATEWAY, callee.respond(second, 487, null));
    fixture.from(PRIMARY_GATEWAY, callee.respond(
        fixture.lastRequestTo(PRIMARY_GATEWAY, Request.BYE), 200, null));
    fixture.fromCaller(CallFixture.ok(fixture.lastRequestTo(CALLER_CARRIER, Request.BYE)));
    assertThat(fixture.records.stream().filter(r -> r.status().isFinal())
        .map(r -> r.status()).toList())
        .containsExactlyInAnyOrder(CallStatus.FAILED, CallStatus.COMPLETED);
    fixture.assertNothingLeft();
  }
}
