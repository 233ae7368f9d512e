package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Peer;
import java.time.Duration;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The INVITE client transaction of RFC 3261 §17.1.1, Figure 5, as amended by RFC 6026 §7.2
 * (Figure 3 there): the INVITE is retransmitted on timer A (UDP only, doubling) until a response
 * or timer B. A 300–699 response is acknowledged here (§17.1.1.3) and its retransmissions are
 * re-acknowledged until timer D. A 2xx moves to Accepted, where further 2xx (retransmissions or
 * other forks) still reach the listener, whose TU acknowledges them, until timer M.
 *
 * <pre>
 * state        event                       action                        next
 * CALLING      timer A                     resend INVITE, A doubles      CALLING
 * CALLING      1xx                         report, arm C                 PROCEEDING
 * PROCEEDING   1xx                         report, re-arm C              PROCEEDING
 * CALLING or   2xx                         report, arm M                 ACCEPTED
 *  PROCEEDING  300-699                     send ACK, report, arm D       COMPLETED
 *              timer B or C                report timeout                TERMINATED
 *              transport error             report error                  TERMINATED
 * ACCEPTED     2xx                         report                        ACCEPTED
 * ACCEPTED     timer M                     -                             TERMINATED
 * COMPLETED    300-699                     resend ACK                    COMPLETED
 * COMPLETED    timer D                     -                             TERMINATED
 * </pre>
 *
 * <p>Timer B only guards Calling (Figure 5). So that a UAS that sends a provisional and then
 * nothing cannot hold the entry forever, timer C (§16.6, over 3 minutes, re-armed by every
 * provisional) bounds Proceeding and ends it as a timeout. A CANCEL requested while Calling is held
 * until the first provisional (§9.1), and discarded if the INVITE ends first.
 *
 * <p>Completed keeps only the ACK's bytes and no listener; Accepted keeps the listener weakly
 * (see {@link ClientSideTransaction}). Thread-safety as for {@link Transaction}.
 */
final class ClientInviteTransaction extends ClientSideTransaction {

  /** The states of RFC 6026 Figure 3. */
  enum State {
    CALLING,
    PROCEEDING,
    ACCEPTED,
    COMPLETED,
    TERMINATED
  }

  private volatile State state = State.CALLING;
  /** Guarded by the lock: the current timer A interval. */
  private Duration retransmitInterval;
  /** Guarded by the lock: the ACK of the 300–699 response, re-sent for its retransmissions. */
  private EncodedMessage ack;
  /** Set once, under the lock: the CANCEL of this INVITE, if the TU asked for one. */
  private volatile ClientNonInviteTransaction cancel;

  ClientInviteTransaction(
      LayerContext context, EncodedMessage request, Peer destination, ResponseListener listener) {
    super(context, request, destination, listener);
  }

  State state() {
    return state;
  }

  @Override
  public boolean isCompleted() {
    return state != State.CALLING && state != State.PROCEEDING;
  }

  @Override
  void start() {
    register();
    sendRequest();
    arm(SipTimer.B);
    if (!reliable) {
      retransmitInterval = initial(SipTimer.A);
      arm(SipTimer.A, retransmitInterval);
    }
  }

  /**
   * Attaches a CANCEL of this INVITE heard by {@code listener}, unless one is attached already,
   * and returns the attached one. It is sent now if a provisional has arrived, held if not (§9.1).
   * An INVITE that already has its outcome has nothing to cancel: then nothing is sent and the
   * returned transaction is completed.
   */
  ClientTransaction cancel(ResponseListener listener) {
    handle(() -> attachCancel(listener));
    ClientTransaction attached = cancel;
    return attached != null ? attached : new NothingToCancel(destination);
  }

  private void attachCancel(ResponseListener listener) {
    if (cancel != null || (state != State.CALLING && state != State.PROCEEDING)) {
      return;
    }
    Request cancelRequest = OutgoingRequests.cancelFor(request());
    ClientNonInviteTransaction candidate = new ClientNonInviteTransaction(
        context, EncodedMessage.of(cancelRequest), destination, listener);
    cancel = candidate;
    if (state == State.PROCEEDING) {
      later(candidate::launch);
    } // else held until the first provisional
  }

  @Override
  void received(Response response, Peer from) {
    switch (state) {
      case CALLING -> calling(response);
      case PROCEEDING -> proceeding(response);
      case ACCEPTED -> accepted(response, from);
      case COMPLETED -> completed(response);
      case TERMINATED -> { }
    }
  }

  private void calling(Response response) {
    if (response.getStatusCode() >= 200) {
      finalResponse(response);
      return;
    }
    state = State.PROCEEDING;
    disarm(SipTimer.A);
    disarm(SipTimer.B);
    arm(SipTimer.C);
    report(listener -> listener.onResponse(response));
    ClientNonInviteTransaction held = cancel;
    if (held != null) {
      later(held::launch);
    }
  }

  private void proceeding(Response response) {
    if (response.getStatusCode() >= 200) {
      finalResponse(response);
      return;
    }
    arm(SipTimer.C);
    report(listener -> listener.onResponse(response));
  }

  private void finalResponse(Response response) {
    disarm(SipTimer.A);
    disarm(SipTimer.B);
    disarm(SipTimer.C);
    dropHeldCancel();
    if (response.getStatusCode() < 300) {
      state = State.ACCEPTED;
      report(listener -> listener.onResponse(response));
      forgetRequest();
      holdListenerWeakly();
      arm(SipTimer.M);
    } else {
      state = State.COMPLETED;
      EncodedMessage encodedAck = EncodedMessage.of(OutgoingRequests.ackFor(request(), response));
      send(encodedAck, destination);
      ack = encodedAck.withoutSource();
      report(listener -> listener.onResponse(response));
      forgetRequest();
      releaseListener();
      arm(SipTimer.D);
    }
  }

  private void accepted(Response response, Peer from) {
    int status = response.getStatusCode();
    if (status >= 200 && status < 300) {
      reportResponse(response, from);
    }
  }

  private void completed(Response response) {
    if (response.getStatusCode() >= 300) {
      send(ack, destination);
    }
  }

  @Override
  void timerFired(SipTimer timer) {
    switch (timer) {
      case A -> retransmit();
      case B, C -> timedOut();
      case D, M -> terminate();
      default -> throw new IllegalStateException("timer " + timer + " in " + key);
    }
  }

  private void retransmit() {
    countRetransmission();
    sendRequest();
    retransmitInterval = next(SipTimer.A, retransmitInterval);
    arm(SipTimer.A, retransmitInterval);
  }

  private void timedOut() {
    report(ResponseListener::onTimeout);
    dropHeldCancel();
    terminate();
  }

  @Override
  void transportFailed(Throwable cause) {
    switch (state) {
      case CALLING, PROCEEDING -> {
        report(listener -> listener.onTransportError(cause));
        dropHeldCancel();
        terminate();
      }
      // the TU already has its final response; only the ACK was lost
      case COMPLETED -> terminate();
      case ACCEPTED, TERMINATED -> { }
    }
  }

  /** A CANCEL still held while Calling will never be sent once the INVITE is over (§9.1). */
  private void dropHeldCancel() {
    ClientNonInviteTransaction held = cancel;
    if (held != null && state == State.CALLING) {
      later(held::discard);
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

  /** What cancelling an INVITE that already has its outcome returns: nothing was sent. */
  private record NothingToCancel(Peer destination) implements ClientTransaction {

    @Override
    public Request request() {
      throw new IllegalStateException("the INVITE had its outcome: no CANCEL was built");
    }

    @Override
    public boolean isCompleted() {
      return true;
    }
  }
}
