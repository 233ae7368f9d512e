package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Peer;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2, Figure 8: request retransmissions are
 * absorbed while Trying and answered with the last response afterwards; after the final response,
 * timer J (64·T1 on UDP, zero on TCP) keeps answering them.
 *
 * <pre>
 * state        event                       action                        next
 * TRYING       request again               absorb                        TRYING
 * TRYING or    1xx from TU                 send                          PROCEEDING
 *  PROCEEDING  200-699 from TU             send, arm J                   COMPLETED
 * PROCEEDING   request again               resend last response          PROCEEDING
 * COMPLETED    request again               resend final response         COMPLETED
 * COMPLETED    any response from TU        ignore                        COMPLETED
 * COMPLETED    timer J                     -                             TERMINATED
 * any          transport error             -                             TERMINATED
 * </pre>
 *
 * <p>A transport error ends the transaction in any state. Thread-safety as for {@link Transaction}.
 */
final class ServerNonInviteTransaction extends ServerSideTransaction {

  private static final Logger LOG = LoggerFactory.getLogger(ServerNonInviteTransaction.class);

  /** The states of Figure 8. */
  enum State {
    TRYING,
    PROCEEDING,
    COMPLETED,
    TERMINATED
  }

  private volatile State state = State.TRYING;

  ServerNonInviteTransaction(
      LayerContext context, TransactionKey key, Request request, Peer peer,
      MergedRequestKey mergeKey) {
    super(context, key, request, peer, mergeKey);
  }

  State state() {
    return state;
  }

  @Override
  public boolean isCompleted() {
    return state == State.COMPLETED || state == State.TERMINATED;
  }

  @Override
  void fromTu(Response response, EncodedMessage encoded) {
    switch (state) {
      case TRYING -> trying(response, encoded);
      case PROCEEDING -> proceeding(response, encoded);
      default -> LOG.debug("{}: response {} after the final one ignored", key,
          response.getStatusCode());
    }
  }

  private void trying(Response response, EncodedMessage encoded) {
    sendResponse(response, encoded);
    if (response.getStatusCode() < 200) {
      state = State.PROCEEDING;
    } else {
      complete();
    }
  }

  private void proceeding(Response response, EncodedMessage encoded) {
    sendResponse(response, encoded);
    if (response.getStatusCode() >= 200) {
      complete();
    }
  }

  private void complete() {
    state = State.COMPLETED;
    forgetRequest();
    arm(SipTimer.J);
  }

  @Override
  void retransmitted() {
    // Trying: absorbed, the TU has not answered yet
    if (state == State.PROCEEDING || state == State.COMPLETED) {
      resendLastResponse();
    }
  }

  @Override
  void timerFired(SipTimer timer) {
    if (timer != SipTimer.J) {
      throw new IllegalStateException("timer " + timer + " in " + key);
    }
    terminate();
  }

  @Override
  void transportFailed(Throwable cause) {
    if (state != State.TERMINATED) {
      terminate();
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
}
