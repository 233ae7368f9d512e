package io.callmask.sip.transaction;

import io.callmask.sip.message.CoreHeaders;
import javax.sip.message.Message;

/**
 * Matches the ACK of a 2xx to the INVITE it acknowledges (RFC 3261 §13.3.1.4): that ACK is a
 * transaction of its own with a new branch, so it is recognised by Call-ID, CSeq number and the To
 * tag the 2xx carried.
 */
record DialogAckKey(String callId, long cseqNumber, String toTag) {

  /** The key of a 2xx response or of the ACK that acknowledges it. */
  static DialogAckKey of(Message message) {
    return new DialogAckKey(
        CoreHeaders.callId(message).getCallId(),
        CoreHeaders.cseq(message).getSeqNumber(),
        CoreHeaders.to(message).getTag());
  }
}
