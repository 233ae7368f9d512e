package io.callmask.sip.transaction;

import io.callmask.sip.message.BranchId;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * SIP messages for transaction tests, parsed from text by JAIN's message factory. "Inbound"
 * requests look as the transport hands them up: the far end's Via with a magic-cookie branch,
 * {@code received} and {@code rport} set. Thread-safe.
 */
public final class TestMessages {

  /** This node's address. */
  public static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.10", 5060);
  /** The far end's address. */
  public static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.20", 5060);
  /** The To tag the far end (or the TU, as UAS) puts in its responses. */
  public static final String UAS_TAG = "uas-tag";

  private static final AtomicLong CALLS = new AtomicLong();
  private static final String TEMPLATE = String.join("\r\n",
      "%1$s sip:+919800001111@192.0.2.10 SIP/2.0",
      "Via: SIP/2.0/%2$s 192.0.2.20:5060;branch=%3$s;rport=5060;received=192.0.2.20",
      "Max-Forwards: 70",
      "From: <sip:+919800002222@192.0.2.20>;tag=%4$s",
      "To: <sip:+919800001111@192.0.2.10>%5$s",
      "Call-ID: %6$s",
      "CSeq: %7$d %1$s",
      "Contact: <sip:caller@192.0.2.20:5060>",
      "Content-Length: 0",
      "",
      "");

  private TestMessages() {}

  /** The far end, reached over {@code transport}, as the transport reports it. */
  public static Peer peer(Transport transport) {
    return new Peer(transport, REMOTE, LOCAL);
  }

  /** A new inbound request outside any dialog: fresh branch, Call-ID and From tag. */
  public static Request inbound(String method, Transport transport) {
    return inbound(method, transport, BranchId.next(), newCallId(), SipResponses.newTag(), 1, null);
  }

  /** An inbound request with every identifying field given; {@code toTag} may be null. */
  public static Request inbound(String method, Transport transport, String branch, String callId,
      String fromTag, long cseq, String toTag) {
    return parse(String.format(TEMPLATE, method, transport.viaToken(), branch, fromTag,
        toTag == null ? "" : ";tag=" + toTag, callId, cseq));
  }

  /** The same request as {@code original} again, as a retransmission arrives: a fresh copy. */
  public static Request retransmission(Request original) {
    return (Request) original.clone();
  }

  /** {@code original} as it would arrive by another path: same identity, another branch. */
  public static Request forked(Request original) {
    Request copy = (Request) original.clone();
    try {
      ((ViaHeader) copy.getHeader(ViaHeader.NAME)).setBranch(BranchId.next());
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    return copy;
  }

  /** The far end's CANCEL of its inbound {@code invite} (§9.1: same branch). */
  public static Request cancelOf(Request invite, Transport transport) {
    return inbound(Request.CANCEL, transport, branchOf(invite), callIdOf(invite),
        fromTagOf(invite), cseqOf(invite), null);
  }

  /** The far end's ACK of a 300–699 {@code response} to {@code invite}: the INVITE's branch. */
  public static Request ackOfFailure(Request invite, Response response, Transport transport) {
    return inbound(Request.ACK, transport, branchOf(invite), callIdOf(invite), fromTagOf(invite),
        cseqOf(invite), toTagOf(response));
  }

  /** The far end's ACK of a 2xx {@code response} (§13.2.2.4): a new branch. */
  public static Request ackOfSuccess(Response response, Transport transport) {
    return inbound(Request.ACK, transport, BranchId.next(), callIdOf(response),
        ((FromHeader) response.getHeader(FromHeader.NAME)).getTag(), cseqOf(response),
        toTagOf(response));
  }

  /** A request as the TU hands it to the layer: no Via yet. */
  public static Request outgoing(String method) {
    String text = String.format(TEMPLATE, method, "UDP", "unused", SipResponses.newTag(), "",
        newCallId(), 1);
    return parse(text.replaceFirst("Via: [^\r]*\r\n", ""));
  }

  /** A response to {@code request} with To tag {@link #UAS_TAG} (none on 100). */
  public static Response response(Request request, int status) {
    return SipResponses.create(request, status, UAS_TAG);
  }

  public static String branchOf(Message message) {
    return ((ViaHeader) message.getHeader(ViaHeader.NAME)).getBranch();
  }

  private static String callIdOf(Message message) {
    return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
  }

  private static String fromTagOf(Message message) {
    return ((FromHeader) message.getHeader(FromHeader.NAME)).getTag();
  }

  public static String toTagOf(Message message) {
    return ((ToHeader) message.getHeader(ToHeader.NAME)).getTag();
  }

  private static long cseqOf(Message message) {
    return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
  }

  private static String newCallId() {
    return "call-" + CALLS.incrementAndGet() + "@192.0.2.20";
  }

  private static Request parse(String text) {
    try {
      return SipResponses.messageFactory().createRequest(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad test request: " + e.getMessage(), e);
    }
  }
}
