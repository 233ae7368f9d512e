package io.callmask.sip.codec;

import gov.nist.core.Host;
import gov.nist.core.HostPort;
import gov.nist.core.NameValue;
import gov.nist.core.NameValueList;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.address.Authority;
import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.address.UserInfo;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.CallIdentifier;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.MediaRange;
import gov.nist.javax.sip.header.ParametersHeader;
import gov.nist.javax.sip.header.Protocol;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.Require;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.Supported;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The JAIN SIP fields that its {@code encode} methods read, for {@link FastHeadEncoder} to read
 * the very same values. Several getters are not plain reads (some normalise, some allocate, some
 * create what is missing), and the encode methods read the fields, so the fast encoder does too.
 * JAIN SIP is on the class path, in the unnamed module like callmask, so private lookups are
 * allowed (as for {@link HeaderPrototype}).
 *
 * <p>Thread-safe: the handles are immutable; reading through them is as safe as the encode
 * methods' own reads of a message that one thread encodes.
 */
final class JainSipFields {

  static final VarHandle MESSAGE_HEADERS =
      field(SIPMessage.class, "headers", ConcurrentLinkedQueue.class);
  static final VarHandle MESSAGE_CONTENT_LENGTH =
      field(SIPMessage.class, "contentLengthHeader", ContentLength.class);
  static final VarHandle REQUEST_LINE = field(SIPRequest.class, "requestLine", RequestLine.class);
  static final VarHandle STATUS_LINE = field(SIPResponse.class, "statusLine", StatusLine.class);

  static final VarHandle REQUEST_METHOD = field(RequestLine.class, "method", String.class);
  static final VarHandle REQUEST_URI = field(RequestLine.class, "uri", GenericURI.class);
  static final VarHandle REQUEST_VERSION = field(RequestLine.class, "sipVersion", String.class);
  static final VarHandle STATUS_CODE = field(StatusLine.class, "statusCode", int.class);
  static final VarHandle REASON = field(StatusLine.class, "reasonPhrase", String.class);

  static final VarHandle HEADER_NAME = field(SIPHeader.class, "headerName", String.class);
  static final VarHandle HEADER_LIST = field(SIPHeaderList.class, "hlist", List.class);
  static final VarHandle PARAMETERS =
      field(ParametersHeader.class, "parameters", NameValueList.class);
  static final VarHandle ADDRESS =
      field(AddressParametersHeader.class, "address", AddressImpl.class);
  static final VarHandle WILDCARD = field(Contact.class, "wildCardFlag", boolean.class);

  static final VarHandle SENT_PROTOCOL = field(Via.class, "sentProtocol", Protocol.class);
  static final VarHandle SENT_BY = field(Via.class, "sentBy", HostPort.class);
  static final VarHandle COMMENT = field(Via.class, "comment", String.class);
  static final VarHandle PROTOCOL_NAME = field(Protocol.class, "protocolName", String.class);
  static final VarHandle PROTOCOL_VERSION =
      field(Protocol.class, "protocolVersion", String.class);
  static final VarHandle TRANSPORT = field(Protocol.class, "transport", String.class);

  static final VarHandle ALLOWED_METHOD = field(Allow.class, "method", String.class);
  /** Supported's field; Require's has the same name but is another field. */
  static final VarHandle OPTION_TAG = field(Supported.class, "optionTag", String.class);
  static final VarHandle REQUIRED_TAG = field(Require.class, "optionTag", String.class);
  static final VarHandle CALL_IDENTIFIER =
      field(CallID.class, "callIdentifier", CallIdentifier.class);
  static final VarHandle LOCAL_ID = field(CallIdentifier.class, "localId", String.class);
  static final VarHandle CALL_ID_HOST = field(CallIdentifier.class, "host", String.class);
  static final VarHandle SEQUENCE = field(CSeq.class, "seqno", Long.class);
  static final VarHandle CSEQ_METHOD = field(CSeq.class, "method", String.class);
  static final VarHandle MAX_FORWARDS = field(MaxForwards.class, "maxForwards", int.class);
  static final VarHandle CONTENT_LENGTH = field(ContentLength.class, "contentLength", int.class);
  static final VarHandle MEDIA_RANGE = field(ContentType.class, "mediaRange", MediaRange.class);
  static final VarHandle MEDIA_TYPE = field(MediaRange.class, "type", String.class);
  static final VarHandle MEDIA_SUBTYPE = field(MediaRange.class, "subtype", String.class);

  static final VarHandle ADDRESS_TYPE = field(AddressImpl.class, "addressType", int.class);
  static final VarHandle DISPLAY_NAME = field(AddressImpl.class, "displayName", String.class);
  static final VarHandle ADDRESS_URI = field(AddressImpl.class, "address", GenericURI.class);
  static final VarHandle SCHEME = field(GenericURI.class, "scheme", String.class);
  static final VarHandle AUTHORITY = field(SipUri.class, "authority", Authority.class);
  static final VarHandle URI_PARAMETERS = field(SipUri.class, "uriParms", NameValueList.class);
  static final VarHandle URI_HEADERS = field(SipUri.class, "qheaders", NameValueList.class);
  static final VarHandle USER_INFO = field(Authority.class, "userInfo", UserInfo.class);
  static final VarHandle AUTHORITY_HOST_PORT = field(Authority.class, "hostPort", HostPort.class);
  static final VarHandle USER = field(UserInfo.class, "user", String.class);
  static final VarHandle PASSWORD = field(UserInfo.class, "password", String.class);
  static final VarHandle HOST = field(HostPort.class, "host", Host.class);
  static final VarHandle PORT = field(HostPort.class, "port", int.class);
  static final VarHandle HOST_TYPE = field(Host.class, "addressType", int.class);
  static final VarHandle HOST_NAME = field(Host.class, "hostname", String.class);

  static final VarHandle LIST_SEPARATOR = field(NameValueList.class, "separator", String.class);
  static final VarHandle NAME = field(NameValue.class, "name", String.class);
  static final VarHandle VALUE = field(NameValue.class, "value", Object.class);
  static final VarHandle FLAG = field(NameValue.class, "isFlagParameter", boolean.class);
  static final VarHandle QUOTED = field(NameValue.class, "isQuotedString", boolean.class);
  static final VarHandle SEPARATOR = field(NameValue.class, "separator", String.class);
  static final VarHandle QUOTES = field(NameValue.class, "quotes", String.class);

  /** {@code SIPHeaderList.prettyEncode}: when set, Via and Route lists write a line per value. */
  private static final VarHandle PRETTY_ENCODE = staticField(SIPHeaderList.class,
      "prettyEncode", boolean.class);

  private JainSipFields() {}

  /** Whether JAIN SIP is set to write Via, Route and Record-Route values on lines of their own. */
  static boolean prettyEncode() {
    return (boolean) PRETTY_ENCODE.get();
  }

  private static VarHandle field(Class<?> owner, String name, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
          .findVarHandle(owner, name, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static VarHandle staticField(Class<?> owner, String name, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
          .findStaticVarHandle(owner, name, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
