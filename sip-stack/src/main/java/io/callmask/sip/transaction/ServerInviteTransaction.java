package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import java.time.Duration;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INVITE server transaction of RFC 3261 §17.2.1, Figure 7, as amended by RFC 6026 §7.1
 * (Figure 5 there). It answers 100 Trying at once and INVITE retransmissions with the last
 * response. A 300–699 final is retransmitted on timer G (UDP only, T1 doubling to T2) until its
 * ACK (absorbed here) or timer H; Confirmed then absorbs ACK retransmissions until timer I. A 2xx
 * moves to Accepted, which absorbs INVITE retransmissions, passes ACKs and further 2xx through, and
 * ends with timer L.
 *
 * <pre>
 * state        event                       action                        next
 * PROCEEDING   (created)                   send 100 Trying               PROCEEDING
 * PROCEEDING   INVITE again                resend last response          PROCEEDING
 * PROCEEDING   1xx from TU                 send                          PROCEEDING
 * PROCEEDING   2xx from TU                 send, arm L (and G on UDP)    ACCEPTED
 * PROCEEDING   300-699 from TU             send, arm H (and G on UDP)    COMPLETED
 * PROCEEDING   transport error             -                             TERMINATED
 * ACCEPTED     INVITE again                absorb                        ACCEPTED
 * ACCEPTED     2xx from TU                 send                          ACCEPTED
 * ACCEPTED     timer G (UDP)               resend 2xx, G doubles to T2   ACCEPTED
 * ACCEPTED     ACK (either branch)         stop G, forget 2xx, pass ACK  ACCEPTED
 * ACCEPTED     transport error             stop G (see below)            ACCEPTED
 * ACCEPTED     timer L                     -                             TERMINATED
 * COMPLETED    INVITE again                resend final                  COMPLETED
 * COMPLETED    timer G (UDP)               resend final, G doubles to T2 COMPLETED
 * COMPLETED    ACK                         absorb, forget final, arm I   CONFIRMED
 * COMPLETED    timer H, transport error    -                             TERMINATED
 * CONFIRMED    ACK again                   absorb                        CONFIRMED
 * CONFIRMED    timer I                     -                             TERMINATED
 * </pre>
 *
 * <p>On UDP this layer also does the UAS core's 2xx retransmission (§13.3.1.4) for the TU: in
 * Accepted, timer G re-sends the 2xx until the dialog's ACK arrives (matched by {@link
 * DialogAckKey}, as it has a new branch) or timer L ends the transaction. Everything the
 * retransmission needs lives in this transaction and its table entries, so timer L bounds it.
 * A failed send in Accepted does not end the transaction (RFC 6026 §7.1): INVITE retransmissions
 * would otherwise reach the TU as new requests. Thread-safety as for {@link Transaction}.
 */
final class ServerInviteTransaction extends ServerSideTransaction {

  private static final Logger LOG = LoggerFactory.getLogger(ServerInviteTransaction.class);

  /** The states of RFC 6026 Figure 5. */
  enum State {
    PROCEEDING,
    ACCEPTED,
    COMPLETED,
    CONFIRMED,
    TERMINATED
  }

  private volatile State state = State.PROCEEDING;
  /** Guarded by the lock: the current timer G interval. */
  private Duration retransmitInterval;
  /** Guarded by the lock: the dialog ACK the 2xx retransmissions wait for, while they run. */
  private DialogAckKey awaitedAck;
  /**
   * Written under the lock; read by {@link #lastToTag} without it. Only an INVITE's is needed (a
   * CANCEL's 200 carries it), so a lingering non-INVITE transaction keeps no tag.
   */
  private volatile String lastToTag;

  ServerInviteTransaction(
      LayerContext context, TransactionKey key, Request request, Peer peer,
      MergedRequestKey mergeKey) {
    super(context, key, request, peer, mergeKey);
  }

  State state() {
    return state;
  }

  @Override
  public boolean isCompleted() {
    return state != State.PROCEEDING;
  }

  /** §17.2.1: quench the client's retransmissions at once with 100 Trying. */
  void sendTrying() {
    handle(
        () -> {
          if (state == State.PROCEEDING && !hasResponded()) {
            Response trying = SipResponses.create(request(), Response.TRYING);
            sendResponse(trying, EncodedMessage.of(trying));
          }
        });
  }

  /** The To tag of the last response sent, so a 200 to a CANCEL can carry the same (§9.2). */
  String lastToTag() {
    return lastToTag;
  }

  @Override
  void sendResponse(Response response, EncodedMessage encoded) {
    lastToTag = CoreHeaders.to(response).getTag();
    super.sendResponse(response, encoded);
  }

  @Override
  void fromTu(Response response, EncodedMessage encoded) {
    switch (state) {
      case PROCEEDING -> proceeding(response, encoded);
      case ACCEPTED -> accepted(response, encoded);
      default -> LOG.debug("{}: response {} after the final one ignored", key,
          response.getStatusCode());
    }
  }

  private void proceeding(Response response, EncodedMessage encoded) {
    int status = response.getStatusCode();
    sendResponse(response, encoded);
    if (status >= 300) {
      forgetRequest();
      complete();
    } else if (status >= 200) {
      forgetRequest();
      accept(response);
    }
  }

  private void complete() {
    state = State.COMPLETED;
    arm(SipTimer.H);
    if (!reliable) {
      retransmitInterval = initial(SipTimer.G);
      arm(SipTimer.G, retransmitInterval);
    }
  }

  private void accept(Response success) {
    state = State.ACCEPTED;
    arm(SipTimer.L);
    // awaited on every transport, so that timer L can tell the TU the ACK never came
    awaitedAck = DialogAckKey.of(success);
    context.table().awaitAck(awaitedAck, this);
    if (!reliable) {
      retransmitInterval = initial(SipTimer.G);
      arm(SipTimer.G, retransmitInterval);
    }
  }

  /** RFC 6026: further 2xx from the TU (its own retransmissions) are sent; nothing else is. */
  private void accepted(Response response, EncodedMessage encoded) {
    int status = response.getStatusCode();
    if (status >= 200 && status < 300) {
      sendResponse(response, encoded);
    }
  }

  @Override
  void retransmitted() {
    // RFC 6026: Accepted absorbs INVITE retransmissions (the 2xx is retransmitted on its own
    // schedule); Confirmed has nothing to add
    if (state == State.PROCEEDING || state == State.COMPLETED) {
      resendLastResponse();
    }
  }

  /** An ACK matched this transaction by branch (§17.2.3). */
  void onAck(Request ack, Peer from) {
    handle(
        () -> {
          switch (state) {
            case COMPLETED -> confirm();
            case ACCEPTED -> acceptedAck(ack, from);
            default -> { } // Confirmed absorbs retransmitted ACKs; others cannot be acknowledged
          }
        });
  }

  private void confirm() {
    state = State.CONFIRMED;
    stopResending();
    disarm(SipTimer.H);
    arm(SipTimer.I);
  }

  /** RFC 6026: an ACK in Accepted belongs to the TU (a UAC that reused the INVITE's branch). */
  private void acceptedAck(Request ack, Peer from) {
    stopRetransmitting();
    later(() -> context.user().onAck(ack, from));
  }

  /** The dialog ACK of the 2xx arrived with its own branch; the layer passes it to the TU. */
  void dialogAcked() {
    handle(
        () -> {
          if (state == State.ACCEPTED) {
            stopRetransmitting();
          }
        });
  }

  /** The 2xx is acknowledged: its retransmissions stop and no ACK is awaited any more. */
  private void stopRetransmitting() {
    stopResending();
    forgetAwaitedAck();
  }

  /**
   * Timer G stops for good. The states that follow (Accepted, Confirmed) absorb INVITE
   * retransmissions instead of answering them, so nothing re-sends the response again and its
   * bytes, for a 2xx an answer with its SDP, need not linger until timer L or I.
   */
  private void stopResending() {
    disarm(SipTimer.G);
    forgetLastResponse();
  }

  private void forgetAwaitedAck() {
    if (awaitedAck != null) {
      context.table().forgetAck(awaitedAck, this);
      awaitedAck = null;
    }
  }

  @Override
  void timerFired(SipTimer timer) {
    switch (timer) {
      case G -> retransmit();
      case H, I -> terminate();
      case L -> acceptedEnds();
      default -> throw new IllegalStateException("timer " + timer + " in " + key);
    }
  }

  /** Timer L: Accepted is over; if the 2xx is still unacknowledged, the TU must end the session. */
  private void acceptedEnds() {
    if (awaitedAck != null) {
      later(() -> context.user().onAckTimeout(this));
    }
    terminate();
  }

  private void retransmit() {
    countRetransmission();
    resendLastResponse();
    retransmitInterval = next(SipTimer.G, retransmitInterval);
    arm(SipTimer.G, retransmitInterval);
  }

  @Override
  void transportFailed(Throwable cause) {
    switch (state) {
      case PROCEEDING, COMPLETED -> terminate();
      // ending Accepted early would let INVITE retransmissions reach the TU as new requests:
      // stop the 2xx retransmissions, still match a late ACK, and let timer L end it
      case ACCEPTED -> stopResending();
      case CONFIRMED, TERMINATED -> { }
    }
  }

  @Override
  void abandon() {
    terminate();
  }

  private void terminate() {
    state = State.TERMINATED;
    end();
  }

  @Override
  void unregister() {
    super.unregister();
    forgetAwaitedAck();
  }
}
