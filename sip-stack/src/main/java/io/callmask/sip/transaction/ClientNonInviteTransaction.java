package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Peer;
import java.time.Duration;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The non-INVITE client transaction of RFC 3261 §17.1.2, Figure 6: the request is retransmitted on
 * timer E (UDP only, T1 doubling to T2, then every T2 once a provisional arrived) until a final
 * response or timer F; after the final one, timer K absorbs response retransmissions.
 *
 * <pre>
 * state        event                       action                        next
 * PENDING      launch                      send, arm F (and E on UDP)    TRYING
 * TRYING       timer E                     resend, E doubles up to T2    TRYING
 * TRYING       1xx                         report                        PROCEEDING
 * PROCEEDING   timer E                     resend, E = T2                PROCEEDING
 * PROCEEDING   1xx                         report                        PROCEEDING
 * TRYING or    200-699                     report, arm K                 COMPLETED
 *  PROCEEDING  timer F                     report timeout                TERMINATED
 *              transport error             report error                  TERMINATED
 * COMPLETED    any response                absorb                        COMPLETED
 * COMPLETED    timer K                     -                             TERMINATED
 * </pre>
 *
 * <p>A CANCEL is also this machine; per §9.1 it may wait in {@code PENDING} until its INVITE has
 * seen a provisional response, and is {@link #discard discarded} unsent if the INVITE ends first.
 * Completed keeps neither the request nor the listener (see {@link ClientSideTransaction}).
 * Thread-safety as for {@link Transaction}.
 */
final class ClientNonInviteTransaction extends ClientSideTransaction {

  /** The states of Figure 6, plus PENDING for a request not (yet) sent. */
  enum State {
    PENDING,
    TRYING,
    PROCEEDING,
    COMPLETED,
    TERMINATED
  }

  private volatile State state = State.PENDING;
  /** Guarded by the lock: the current timer E interval. */
  private Duration retransmitInterval;

  ClientNonInviteTransaction(
      LayerContext context, EncodedMessage request, Peer destination, ResponseListener listener) {
    super(context, request, destination, listener);
  }

  State state() {
    return state;
  }

  @Override
  public boolean isCompleted() {
    return state == State.COMPLETED || state == State.TERMINATED;
  }

  @Override
  void start() {
    if (state != State.PENDING) {
      return; // a CANCEL discarded before it could be sent (§9.1)
    }
    register();
    state = State.TRYING;
    sendRequest();
    arm(SipTimer.F);
    if (!reliable) {
      retransmitInterval = initial(SipTimer.E);
      arm(SipTimer.E, retransmitInterval);
    }
  }

  /** §9.1: the INVITE ended before this CANCEL could be sent, so it never is. */
  void discard() {
    handle(
        () -> {
          if (state == State.PENDING) {
            state = State.TERMINATED;
            forgetRequest();
            releaseListener();
          }
        });
  }

  @Override
  void received(Response response, Peer from) {
    switch (state) {
      case TRYING -> trying(response);
      case PROCEEDING -> proceeding(response);
      default -> { } // COMPLETED absorbs retransmissions; nothing else can receive
    }
  }

  private void trying(Response response) {
    if (response.getStatusCode() < 200) {
      state = State.PROCEEDING;
      report(listener -> listener.onResponse(response));
    } else {
      complete(response);
    }
  }

  private void proceeding(Response response) {
    if (response.getStatusCode() < 200) {
      report(listener -> listener.onResponse(response));
    } else {
      complete(response);
    }
  }

  private void complete(Response response) {
    state = State.COMPLETED;
    disarm(SipTimer.E);
    disarm(SipTimer.F);
    report(listener -> listener.onResponse(response));
    forgetRequest();
    releaseListener();
    arm(SipTimer.K);
  }

  @Override
  void timerFired(SipTimer timer) {
    switch (timer) {
      case E -> retransmit();
      case F -> timedOut();
      case K -> terminate();
      default -> throw new IllegalStateException("timer " + timer + " in " + key);
    }
  }

  private void retransmit() {
    if (state != State.TRYING && state != State.PROCEEDING) {
      return;
    }
    countRetransmission();
    sendRequest();
    // §17.1.2.2: once a provisional arrived, retransmit every T2
    retransmitInterval = state == State.PROCEEDING
        ? context.settings().t2()
        : next(SipTimer.E, retransmitInterval);
    arm(SipTimer.E, retransmitInterval);
  }

  private void timedOut() {
    report(ResponseListener::onTimeout);
    terminate();
  }

  @Override
  void transportFailed(Throwable cause) {
    if (state == State.TRYING || state == State.PROCEEDING) {
      report(listener -> listener.onTransportError(cause));
      terminate();
    }
  }

  @Override
  void abandon() {
    terminate();
  }

  private void terminate() {
    state = State.TERMINATED;
    forgetRequest();
    releaseListener();
    end();
  }
}
