package io.callmask.server.call;

import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TimerService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One click-to-call (CONTRACT §6, issue 6 §1): third-party call control after RFC 3725's Flow I
 * (§4.1). callmask calls the party that asked for the call (the first party, on the {@code
 * caller} leg) with an INVITE without SDP, presenting that party's proxy number; its 2xx brings
 * offer1. Then it calls the other party (the {@code callee} leg) with offer1, presenting that
 * party's proxy; the second party's 2xx brings answer1, which is ACKed at once, and the first
 * party's ACK carries answer1. The two dialogs are then bridged by {@link BridgedCall}. Each leg is
 * tried through its primary trunk, then once through the backup ({@link CalleeAttempts}); SDP is
 * neutralised on its way across and the privacy guard checks every message toward each party.
 *
 * <pre>
 * state           event                                  action                           next
 * CALLING_FIRST   start                                  INVITE first (no SDP), ring timer
 * CALLING_FIRST   ring timeout                           CANCEL first                     ENDING
 * CALLING_FIRST   every attempt failed                   -                                ENDING
 * CALLING_FIRST   2xx with offer1                        INVITE second with offer1,       CALLING_SECOND
 *                                                        ring timer
 * CALLING_FIRST   2xx without an offer                   ACK, BYE first (488)             ENDING
 * CALLING_SECOND  2xx with answer1                       ACK second, ACK first with       JOINED
 *                                                        answer1
 * CALLING_SECOND  every attempt failed                   ACK first refusing its media,    ENDING
 *                                                        BYE first with Reason
 * CALLING_SECOND  ring timeout or answer hold limit      CANCEL second, ACK first          ENDING
 *                                                        refusing, BYE first (Reason 480)
 * CALLING_SECOND  BYE from first                         200, CANCEL second, ACK first     ENDING
 * JOINED          BYE, re-INVITE, UPDATE, INFO           as {@link BridgedCall}
 * </pre>
 *
 * <p>Flow I's caveat (RFC 3725 §4.1, §5): while the second party rings, the first party's 2xx
 * stays unacknowledged and is retransmitted, and its UAS gives up and hangs up after 64·T1 (RFC
 * 3261 §13.3.1.4). callmask lets the second party ring for the ring timeout but never longer than
 * {@link CallSettings#answerHoldLimit} (60·T1), then ends the call as not answered with a Reason.
 * It does not fall back to Flow IV (ACK with a held answer, join later by re-INVITEs): the first
 * party would then have seen an SDP origin of callmask's and the second party's later, which
 * RFC 3264 §8 forbids without rewriting every later SDP toward it; a person who has not answered
 * in 30 s is in practice not answering. Until joined, requests other than BYE get 491.
 *
 * <p>Thread-safety as for {@link BridgedCall}. Nothing here blocks.
 */
final class ClickToCall extends BridgedCall {

  /** Where the live call is; see the class comment. */
  enum State {
    CALLING_FIRST,
    CALLING_SECOND,
    JOINED
  }

  private static final Logger log = LoggerFactory.getLogger(ClickToCall.class);
  /** Max-Forwards of the INVITEs callmask originates (RFC 3261 §8.1.1.6). */
  private static final int MAX_FORWARDS = 70;

  private final ClickToCallPlan plan;
  private final CalleeAttempts first;
  private final CalleeAttempts second;
  private volatile State state = State.CALLING_FIRST;
  /** The first party's 2xx: its offer goes to the second party; its ACK waits for the answer. */
  private Response firstAnswer;
  private Request firstInvite;
  private TimerService.Timeout ringTimer;
  private CallRecord started;

  ClickToCall(CallContext context, ClickToCallPlan plan) {
    super(context);
    this.plan = plan;
    this.first = new CalleeAttempts(this, caller, plan.first(), MAX_FORWARDS, new FirstParty());
    this.second = new CalleeAttempts(this, callee, plan.second(), MAX_FORWARDS,
        new SecondParty());
  }

  State state() {
    return state;
  }

  /**
   * Registers the call and calls the first party. Returns the record as it stands once the first
   * INVITE is on its way (or the call already failed). Once, by the controller; never blocks.
   */
  CallRecord start() {
    context.live.add(this);
    events.run(this::begin);
    return started;
  }

  private void begin() {
    caller.guard = new PrivacyGuard(plan.second().party(), List.of());
    callee.guard = new PrivacyGuard(plan.first().party(), List.of());
    record = new CallRecorder(id, plan.session().id(), CallKind.CLICK_TO_CALL, plan.from(),
        context.services.clock(), context.services.callLog());
    context.counters.countStarted(CallKind.CLICK_TO_CALL);
    log.debug("call {}: click-to-call in session {}, the {} first", id, plan.session().id(),
        plan.from().configName());
    ringTimer = schedule(context.services.settings().ringTimeout(), this::firstRangOut);
    first.begin();
    started = record.snapshot();
  }

  // ---- the first party ----

  /** The attempts at the first party, reported to the call. */
  private final class FirstParty implements CalleeAttempts.Progress {

    @Override
    public boolean wanted(CallLeg leg) {
      return state == State.CALLING_FIRST && !isEnding();
    }

    @Override
    public void fill(CallLeg leg, Request invite) {
      // no offer: the first party makes it in its 2xx (RFC 3725 §4.1)
    }

    @Override
    public void ringing(CallLeg leg, Response provisional) {
      log.debug("call {}: the first party rings ({})", id, provisional.getStatusCode());
    }

    @Override
    public void answered(CallLeg leg, OutboundAttempt from, Response success) {
      stopRingTimer();
      firstInvite = from.request;
      byte[] offer = success.getRawContent();
      if (offer == null || offer.length == 0) {
        // a 2xx to an INVITE without an offer must carry one (RFC 3264 §5)
        log.warn("call {}: the first party answered without an offer; hanging up", id);
        signals.ack(caller, caller.inviteSeq, null);
        signals.bye(caller, HangUpReason.of(Response.NOT_ACCEPTABLE_HERE));
        conclude(CallStatus.FAILED, Optional.of(FailureSide.INCOMING));
        return;
      }
      firstAnswer = success;
      state = State.CALLING_SECOND;
      log.debug("call {}: the first party answered; calling the second", id);
      ringTimer = schedule(context.services.settings().secondRingLimit(), () -> secondRangOut());
      second.begin();
    }

    @Override
    public void failed(CallLeg leg, OutboundAttempt last, AttemptResult result) {
      stopRingTimer();
      // the first leg is the initiating party's side: its failures are the "incoming" side's
      conclude(result.callStatus(last.provisional),
          result.failureSide(last.provisional).map(side -> FailureSide.INCOMING));
    }
  }

  /** {@code click-to-call.ring-timeout} passed and the first party has not answered. */
  private void firstRangOut() {
    if (state != State.CALLING_FIRST || isEnding()) {
      return;
    }
    log.debug("call {}: the first party did not answer in time", id);
    first.cancel();
    conclude(CallStatus.NO_ANSWER, Optional.empty());
  }

  // ---- the second party ----

  /** The attempts at the second party, reported to the call. */
  private final class SecondParty implements CalleeAttempts.Progress {

    @Override
    public boolean wanted(CallLeg leg) {
      return state == State.CALLING_SECOND && !isEnding();
    }

    @Override
    public void fill(CallLeg leg, Request invite) {
      context.services.rewriter().carryBody(firstAnswer, invite);
    }

    @Override
    public void ringing(CallLeg leg, Response provisional) {
      log.debug("call {}: the second party rings ({})", id, provisional.getStatusCode());
    }

    @Override
    public void answered(CallLeg leg, OutboundAttempt from, Response success) {
      stopRingTimer();
      byte[] answer = success.getRawContent();
      if (answer == null || answer.length == 0) {
        log.warn("call {}: the second party answered without an answer to the offer", id);
        abort(CallStatus.FAILED, Optional.of(FailureSide.OUTGOING),
            Response.NOT_ACCEPTABLE_HERE);
        return;
      }
      state = State.JOINED;
      record.answered();
      context.counters.countAnswered(CallKind.CLICK_TO_CALL);
      probes.start();
      log.debug("call {}: the second party answered; joined", id);
      signals.acknowledgeAnswer(callee, callee.inviteSeq, from.request);
      signals.ack(caller, caller.inviteSeq, success);
    }

    @Override
    public void failed(CallLeg leg, OutboundAttempt last, AttemptResult result) {
      stopRingTimer();
      log.debug("call {}: the second party was not reached ({} {})", id, result.kind(),
          result.status());
      hangUpFirst(result.statusTowardCaller());
      conclude(result.callStatus(last.provisional), result.failureSide(last.provisional));
    }
  }

  /** The second party rang for the ring timeout, or as long as the first party's 2xx may wait. */
  private void secondRangOut() {
    if (state != State.CALLING_SECOND || isEnding()) {
      return;
    }
    log.debug("call {}: the second party did not answer in time", id);
    second.cancel();
    hangUpFirst(Response.TEMPORARILY_UNAVAILABLE);
    conclude(CallStatus.NO_ANSWER, Optional.empty());
  }

  /** Ends the answered first party: its 2xx is ACKed refusing the media, then BYE with Reason. */
  private void hangUpFirst(int cause) {
    ackFirstIfOwed();
    signals.bye(caller, HangUpReason.of(cause));
  }

  /** The first party's 2xx still waits for its ACK, which no answer will fill: refuse the offer. */
  private void ackFirstIfOwed() {
    if (firstAnswer != null && caller.isConfirmed() && caller.sentAckSeq != caller.inviteSeq) {
      signals.ackRefusing(caller, caller.inviteSeq, firstInvite, firstAnswer);
    }
  }

  // ---- before and after joining ----

  @Override
  boolean isJoined() {
    return state == State.JOINED;
  }

  /**
   * The first party hung up while the second rang (it may BYE before our ACK once its UAS gave
   * up, or if it does not wait): the second party is cancelled. A BYE from the second party
   * before it answered (an early dialog) is its refusal.
   */
  @Override
  void hungUpBeforeJoined(CallLeg from) {
    second.cancel();
    first.cancel();
    stopRingTimer();
    if (from == caller) {
      ackFirstIfOwed();
      conclude(CallStatus.CANCELED, Optional.empty());
    } else {
      hangUpFirst(Response.TEMPORARILY_UNAVAILABLE);
      conclude(CallStatus.NO_ANSWER, Optional.empty());
    }
  }

  @Override
  boolean mayRelay(CallLeg from, ServerTransaction transaction) {
    if (state == State.JOINED) {
      return true;
    }
    signals.respond(transaction, Response.REQUEST_PENDING, from);
    return false;
  }

  // ---- ending ----

  /** Cancels what rings, acknowledges what answered, hangs up both with {@code status} as cause. */
  @Override
  void abort(CallStatus outcome, Optional<FailureSide> side, int status) {
    stopRingTimer();
    first.cancel();
    second.cancel();
    ackFirstIfOwed();
    signals.ackCalleeIfOwed();
    signals.bye(callee, HangUpReason.of(status));
    signals.bye(caller, HangUpReason.of(status));
    conclude(outcome, side);
  }

  @Override
  boolean attemptsIdle() {
    return first.isIdle() && second.isIdle();
  }

  @Override
  void released(CallStatus outcome, Optional<FailureSide> side) {
    stopRingTimer();
    first.stopTimers();
    second.stopTimers();
    log.debug("call {} ended: {} after {} attempt(s)", id, outcome.configName(),
        first.count() + second.count());
  }

  private TimerService.Timeout schedule(Duration delay, Runnable event) {
    return context.services.timers().schedule(delay, () -> events.run(event));
  }

  private void stopRingTimer() {
    if (ringTimer != null) {
      ringTimer.cancel();
      ringTimer = null;
    }
  }
}
