package io.callmask.sip.transaction;

import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
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
        ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId(),
        ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber(),
        ((ToHeader) message.getHeader(ToHeader.NAME)).getTag());
  }
}
