package io.callmask.sip.transaction;

import io.callmask.sip.message.CoreHeaders;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;

/**
 * RFC 3261 §8.2.2.2: a request outside a dialog (no To tag) is identified by From tag, Call-ID and
 * CSeq. A second such request that matches an ongoing server transaction here but not by branch
 * arrived on another path (a fork that merged back) and is answered 482 (Loop Detected).
 */
record MergedRequestKey(String fromTag, String callId, long cseqNumber, String cseqMethod) {

  static MergedRequestKey of(Request request) {
    CSeqHeader cseq = CoreHeaders.cseq(request);
    return new MergedRequestKey(
        CoreHeaders.from(request).getTag(),
        CoreHeaders.callId(request).getCallId(),
        cseq.getSeqNumber(),
        cseq.getMethod());
  }
}
