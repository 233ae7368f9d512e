package io.callmask.server.call;

import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sip.message.Response;

/**
 * How one attempt at reaching the callee ended without an answer, and what follows from it: the
 * failover rule of CONTRACT §6 (408, 5xx, silence and transport errors are the carrier's failure
 * and worth the backup; busy, decline and other 4xx/6xx are the callee's answer), the status the
 * caller then gets, and the call's recorded status. Immutable.
 *
 * @param kind how it ended
 * @param status the final SIP status for {@link Kind#RESPONSE}, else 0
 */
record AttemptResult(Kind kind, int status) {

  enum Kind {
    /** A 300–699 final response. */
    RESPONSE,
    /** The INVITE transaction timed out (timer B, or C after ringing). */
    TIMEOUT,
    /** No provisional within {@code failover.timeout}: given up and cancelled. */
    SILENT,
    /** The INVITE could not be sent. */
    TRANSPORT_ERROR,
    /** The trunk has no usable gateway (unknown, or its host does not resolve). */
    NO_GATEWAY
  }

  static AttemptResult response(int status) {
    return new AttemptResult(Kind.RESPONSE, status);
  }

  static AttemptResult of(Kind kind) {
    return new AttemptResult(kind, 0);
  }

  /** The status for the call record's attempt; empty when no final response came. */
  OptionalInt sipStatus() {
    return kind == Kind.RESPONSE ? OptionalInt.of(status) : OptionalInt.empty();
  }

  /** The carrier failed (not the callee): the number's health counts it and the backup is tried. */
  boolean isCarrierFailure() {
    return kind != Kind.RESPONSE || status == Response.REQUEST_TIMEOUT || status / 100 == 5;
  }

  /**
   * The final status relayed to the caller. A redirect is not followed (its Contact would name
   * the callee): 480. A 503 becomes 500, as a proxy would (RFC 3261 §16.7), since it is the far
   * side, not callmask, that is unavailable.
   */
  int statusTowardCaller() {
    return switch (kind) {
      case RESPONSE -> status / 100 == 3 ? Response.TEMPORARILY_UNAVAILABLE
          : status == Response.SERVICE_UNAVAILABLE ? Response.SERVER_INTERNAL_ERROR : status;
      case TIMEOUT, SILENT -> Response.REQUEST_TIMEOUT;
      case TRANSPORT_ERROR, NO_GATEWAY -> Response.BAD_GATEWAY;
    };
  }

  /** The call's final status when this attempt ended it; {@code rang}: a provisional came. */
  CallStatus callStatus(boolean rang) {
    if (kind == Kind.RESPONSE) {
      return switch (status) {
        case Response.BUSY_HERE, Response.BUSY_EVERYWHERE, Response.DECLINE -> CallStatus.BUSY;
        case Response.REQUEST_TIMEOUT, Response.TEMPORARILY_UNAVAILABLE,
            Response.REQUEST_TERMINATED -> CallStatus.NO_ANSWER;
        default -> CallStatus.FAILED;
      };
    }
    return kind == Kind.TIMEOUT && rang ? CallStatus.NO_ANSWER : CallStatus.FAILED;
  }

  /** A failed call failed on the outgoing side; busy and no answer are no failure. */
  Optional<FailureSide> failureSide(boolean rang) {
    return callStatus(rang) == CallStatus.FAILED
        ? Optional.of(FailureSide.OUTGOING) : Optional.empty();
  }
}
