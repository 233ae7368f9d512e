package io.callmask.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.SharedValues;
import java.util.Locale;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

/**
 * What identifies a transaction in the table: the top Via branch, the sent-by of the request's top
 * Via (server side only) and the method, with ACK folded onto INVITE.
 *
 * <p>RFC 3261 §17.1.3 matches responses to client transactions by branch and CSeq method; §17.2.3
 * matches requests to server transactions by branch, sent-by and method. For requests whose
 * branch lacks the magic cookie (RFC 2543 peers), the "branch" component is synthesised from
 * Call-ID, From tag, CSeq number and whatever branch there is: an approximation of the §17.2.3
 * fallback that does not compare Request-URI and To tag, so a CANCEL or an ACK of such a peer still
 * finds its INVITE.
 *
 * @param branch the Via branch (or the synthesised RFC 2543 identity)
 * @param sentBy host:port of the request's top Via, lower-cased; empty on the client side, where
 *     this node chose the branch
 * @param method the transaction's method: the CSeq method, with ACK read as INVITE
 */
record TransactionKey(String branch, String sentBy, String method) {

  private static final String LEGACY_PREFIX = "rfc2543;";
  /** A carrier's sent-by is the same in every request: the keys of lingering transactions share it. */
  private static final SharedValues<String> SENT_BY = new SharedValues<>(4096);

  /** The key of a client transaction this node starts with {@code branch}. */
  static TransactionKey client(String branch, String method) {
    return new TransactionKey(branch, "", method);
  }

  /**
   * §17.1.3: the client transaction of a request this node sent (with its Via on top), or of a
   * response to one.
   */
  static TransactionKey forClient(Message message) {
    return client(topVia(message).getBranch(), cseq(message).getMethod());
  }

  /** §17.2.3: the server transaction a request belongs to (an ACK's is its INVITE's). */
  static TransactionKey forServer(Request request) {
    ViaHeader via = topVia(request);
    String branch = via.getBranch();
    String sentBy = SENT_BY.share(via.getHost().toLowerCase(Locale.ROOT) + ":" + via.getPort());
    // the request line's own string would stay with the key for as long as the transaction
    // lingers; the shared constant costs nothing
    String method = SIPRequest.getCannonicalName(request.getMethod());
    if (Request.ACK.equals(method)) {
      method = Request.INVITE;
    }
    if (BranchId.isRfc3261(branch)) {
      return new TransactionKey(branch, sentBy, method);
    }
    return new TransactionKey(legacyIdentity(request, branch), sentBy, method);
  }

  /** The same transaction identity with another method, e.g. the INVITE a CANCEL targets. */
  TransactionKey withMethod(String otherMethod) {
    return new TransactionKey(branch, sentBy, otherMethod);
  }

  private static String legacyIdentity(Request request, String branch) {
    String fromTag = CoreHeaders.from(request).getTag();
    return LEGACY_PREFIX
        + CoreHeaders.callId(request).getCallId()
        + ';' + fromTag
        + ';' + cseq(request).getSeqNumber()
        + ';' + (branch == null ? "" : branch);
  }

  static ViaHeader topVia(Message message) {
    ViaHeader via = CoreHeaders.topVia(message);
    if (via == null) {
      throw new IllegalArgumentException("message has no Via");
    }
    return via;
  }

  static CSeqHeader cseq(Message message) {
    return CoreHeaders.cseq(message);
  }
}
