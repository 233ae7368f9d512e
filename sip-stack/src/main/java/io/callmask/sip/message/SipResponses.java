package io.callmask.sip.message;

import java.text.ParseException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ReasonHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds responses to requests per RFC 3261 §8.2.6: Via, From, Call-ID and CSeq copied, To copied
 * with a tag added for every response but 100. Thread-safe: the JAIN factories are stateless.
 */
public final class SipResponses {

  private static final MessageFactory MESSAGES;
  private static final HeaderFactory HEADERS;
  private static final AddressFactory ADDRESSES;

  static {
    try {
      SipFactory factory = SipFactory.getInstance();
      factory.setPathName("gov.nist");
      MESSAGES = factory.createMessageFactory();
      HEADERS = factory.createHeaderFactory();
      ADDRESSES = factory.createAddressFactory();
    } catch (PeerUnavailableException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private SipResponses() {}

  /** The JAIN message factory, for layers that build requests. */
  public static MessageFactory messageFactory() {
    return MESSAGES;
  }

  /**
   * JAIN SIP's own header factory. The layers above the codec build the headers of their messages
   * with {@code io.callmask.sip.codec.SipHeaders.factory()}, which makes the same headers for less.
   */
  public static HeaderFactory headerFactory() {
    return HEADERS;
  }

  /** The JAIN address factory, for layers that build URIs and name-addresses. */
  public static AddressFactory addressFactory() {
    return ADDRESSES;
  }

  /** A response outside any dialog: the To tag, when one is needed, is fresh. */
  public static Response create(Request request, int status) {
    return create(request, status, newTag());
  }

  /**
   * A response carrying {@code toTag} (unless the request's To already has a tag, or status is
   * 100), so that every response of one server transaction names the same dialog.
   */
  public static Response create(Request request, int status, String toTag) {
    try {
      Response response = MESSAGES.createResponse(status, request);
      ToHeader to = CoreHeaders.to(response);
      if (status != Response.TRYING && to != null && to.getTag() == null && toTag != null) {
        to.setTag(toTag);
      }
      return response;
    } catch (ParseException e) {
      throw new IllegalArgumentException("cannot respond " + status + ": " + e.getMessage(), e);
    }
  }

  /**
   * A response sent without a server transaction (RFC 3261 §8.2.7): its To tag is computed from
   * the request's Call-ID, From tag, CSeq and top Via branch, so that every retransmission of the
   * request gets the same tag and the peer sees one answer, not one dialog per copy.
   */
  public static Response createStateless(Request request, int status) {
    return create(request, status, statelessTag(request));
  }

  private static String statelessTag(Request request) {
    ViaHeader via = CoreHeaders.topVia(request);
    long hash = 0x9E37_79B9_7F4A_7C15L;
    hash = mix(hash, CoreHeaders.callId(request).getCallId());
    hash = mix(hash, CoreHeaders.from(request).getTag());
    hash = mix(hash, CoreHeaders.cseq(request).getSeqNumber());
    hash = mix(hash, via == null ? null : via.getBranch());
    return Long.toHexString(hash | Long.MIN_VALUE);
  }

  private static long mix(long hash, Object part) {
    long mixed = (hash ^ (part == null ? 0 : part.hashCode())) * 0xBF58_476D_1CE4_E5B9L;
    return mixed ^ (mixed >>> 31);
  }

  /**
   * A response with a custom reason phrase and a {@code Warning}-free, log-safe explanation, as
   * used for 400 answers to malformed requests.
   */
  public static Response create(Request request, int status, String toTag, String reasonPhrase) {
    Response response = create(request, status, toTag);
    try {
      response.setReasonPhrase(reasonPhrase);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad reason phrase: " + e.getMessage(), e);
    }
    return response;
  }

  /** A Reason header (RFC 3326) for SIP causes, e.g. on a BYE or CANCEL. */
  public static ReasonHeader sipReason(int cause, String text) {
    try {
      return HEADERS.createReasonHeader("SIP", cause, text);
    } catch (javax.sip.InvalidArgumentException | ParseException e) {
      throw new IllegalArgumentException("bad reason: " + e.getMessage(), e);
    }
  }

  /** A fresh From/To tag: 64 random bits in hex. */
  public static String newTag() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }
}
