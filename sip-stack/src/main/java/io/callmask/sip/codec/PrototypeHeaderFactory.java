package io.callmask.sip.codec;

import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.Require;
import gov.nist.javax.sip.header.Supported;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ims.PAssertedIdentityHeader;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.header.AllowHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;

/**
 * JAIN SIP's header factory, with the headers a call's messages are built of made from {@link
 * HeaderPrototype} copies instead of their constructors, which intern the header name on every
 * call. Each overridden method checks its arguments and calls the same setters, in the same order,
 * as {@link HeaderFactoryImpl}'s, so it throws and returns what that one does; every other header
 * comes from {@link HeaderFactoryImpl} itself. Stateless and thread-safe.
 */
final class PrototypeHeaderFactory extends HeaderFactoryImpl {

  @Override
  public CallIdHeader createCallIdHeader(String callId) throws ParseException {
    requireArgument(callId, "null arg callId");
    CallID header = HeaderPrototype.CALL_ID.create();
    header.setCallId(callId);
    return header;
  }

  @Override
  public CSeqHeader createCSeqHeader(long sequenceNumber, String method)
      throws ParseException, InvalidArgumentException {
    if (sequenceNumber < 0) {
      throw new InvalidArgumentException("bad arg " + sequenceNumber);
    }
    requireArgument(method, "null arg method");
    CSeq header = HeaderPrototype.CSEQ.create();
    header.setMethod(method);
    header.setSeqNumber(sequenceNumber);
    return header;
  }

  @Override
  public FromHeader createFromHeader(Address address, String tag) throws ParseException {
    From header = addressed(HeaderPrototype.FROM, address, "null address arg");
    if (tag != null) {
      header.setTag(tag);
    }
    return header;
  }

  @Override
  public ToHeader createToHeader(Address address, String tag) throws ParseException {
    To header = addressed(HeaderPrototype.TO, address, "null address");
    if (tag != null) {
      header.setTag(tag);
    }
    return header;
  }

  @Override
  public MaxForwardsHeader createMaxForwardsHeader(int maxForwards)
      throws InvalidArgumentException {
    if (maxForwards < 0 || maxForwards > 255) {
      throw new InvalidArgumentException("bad maxForwards arg " + maxForwards);
    }
    MaxForwards header = HeaderPrototype.MAX_FORWARDS.create();
    header.setMaxForwards(maxForwards);
    return header;
  }

  @Override
  public ContactHeader createContactHeader(Address address) {
    return addressed(HeaderPrototype.CONTACT, address, "null arg address");
  }

  @Override
  public RouteHeader createRouteHeader(Address address) {
    return addressed(HeaderPrototype.ROUTE, address, "null address arg");
  }

  @Override
  public RecordRouteHeader createRecordRouteHeader(Address address) {
    return addressed(HeaderPrototype.RECORD_ROUTE, address, "Null argument!");
  }

  @Override
  public PAssertedIdentityHeader createPAssertedIdentityHeader(Address address)
      throws ParseException {
    return addressed(HeaderPrototype.P_ASSERTED_IDENTITY, address, "null address!");
  }

  @Override
  public AllowHeader createAllowHeader(String method) throws ParseException {
    requireArgument(method, "null arg method");
    Allow header = HeaderPrototype.ALLOW.create();
    header.setMethod(method);
    return header;
  }

  @Override
  public SupportedHeader createSupportedHeader(String optionTag) throws ParseException {
    requireArgument(optionTag, "null optionTag arg");
    Supported header = HeaderPrototype.SUPPORTED.create();
    header.setOptionTag(optionTag);
    return header;
  }

  @Override
  public RequireHeader createRequireHeader(String optionTag) throws ParseException {
    requireArgument(optionTag, "null optionTag");
    Require header = HeaderPrototype.REQUIRE.create();
    header.setOptionTag(optionTag);
    return header;
  }

  @Override
  public ContentTypeHeader createContentTypeHeader(String contentType, String contentSubType)
      throws ParseException {
    if (contentType == null || contentSubType == null) {
      throw new NullPointerException("null contentType or subType");
    }
    ContentType header = HeaderPrototype.CONTENT_TYPE.create();
    header.setContentType(contentType);
    header.setContentSubType(contentSubType);
    return header;
  }

  /**
   * A Via; an IPv6 host (which JAIN SIP brackets, and may strip of its zone) is left to JAIN SIP's
   * own method.
   */
  @Override
  public ViaHeader createViaHeader(String host, int port, String transport, String branch)
      throws ParseException, InvalidArgumentException {
    if (host == null || transport == null) {
      throw new NullPointerException("null arg");
    }
    if (host.indexOf(':') >= 0) {
      return super.createViaHeader(host, port, transport, branch);
    }
    Via header = HeaderPrototype.VIA.create();
    if (branch != null) {
      header.setBranch(branch);
    }
    header.setHost(host);
    header.setPort(port);
    header.setTransport(transport);
    return header;
  }

  /** A new header of {@code kind} naming {@code address}; a null one refused with {@code refusal}. */
  private static <H extends AddressParametersHeader> H addressed(HeaderPrototype<H> kind,
      Address address, String refusal) {
    requireArgument(address, refusal);
    H header = kind.create();
    header.setAddress(address);
    return header;
  }

  private static void requireArgument(Object argument, String message) {
    if (argument == null) {
      throw new NullPointerException(message);
    }
  }
}
