package io.callmask.sip.codec;

import static io.callmask.sip.codec.JainSipFields.ADDRESS_TYPE;
import static io.callmask.sip.codec.JainSipFields.ADDRESS_URI;
import static io.callmask.sip.codec.JainSipFields.AUTHORITY;
import static io.callmask.sip.codec.JainSipFields.AUTHORITY_HOST_PORT;
import static io.callmask.sip.codec.JainSipFields.COMMENT;
import static io.callmask.sip.codec.JainSipFields.DISPLAY_NAME;
import static io.callmask.sip.codec.JainSipFields.FLAG;
import static io.callmask.sip.codec.JainSipFields.HOST;
import static io.callmask.sip.codec.JainSipFields.HOST_NAME;
import static io.callmask.sip.codec.JainSipFields.HOST_TYPE;
import static io.callmask.sip.codec.JainSipFields.LIST_SEPARATOR;
import static io.callmask.sip.codec.JainSipFields.MEDIA_RANGE;
import static io.callmask.sip.codec.JainSipFields.MEDIA_SUBTYPE;
import static io.callmask.sip.codec.JainSipFields.MEDIA_TYPE;
import static io.callmask.sip.codec.JainSipFields.NAME;
import static io.callmask.sip.codec.JainSipFields.PARAMETERS;
import static io.callmask.sip.codec.JainSipFields.PASSWORD;
import static io.callmask.sip.codec.JainSipFields.PORT;
import static io.callmask.sip.codec.JainSipFields.PROTOCOL_NAME;
import static io.callmask.sip.codec.JainSipFields.PROTOCOL_VERSION;
import static io.callmask.sip.codec.JainSipFields.QUOTED;
import static io.callmask.sip.codec.JainSipFields.QUOTES;
import static io.callmask.sip.codec.JainSipFields.SCHEME;
import static io.callmask.sip.codec.JainSipFields.SENT_BY;
import static io.callmask.sip.codec.JainSipFields.SENT_PROTOCOL;
import static io.callmask.sip.codec.JainSipFields.SEPARATOR;
import static io.callmask.sip.codec.JainSipFields.TRANSPORT;
import static io.callmask.sip.codec.JainSipFields.URI_HEADERS;
import static io.callmask.sip.codec.JainSipFields.URI_PARAMETERS;
import static io.callmask.sip.codec.JainSipFields.USER;
import static io.callmask.sip.codec.JainSipFields.USER_INFO;
import static io.callmask.sip.codec.JainSipFields.VALUE;

import gov.nist.core.GenericObject;
import gov.nist.core.Host;
import gov.nist.core.HostPort;
import gov.nist.core.NameValue;
import gov.nist.core.NameValueList;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.address.Authority;
import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.address.UserInfo;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.MediaRange;
import gov.nist.javax.sip.header.ParametersHeader;
import gov.nist.javax.sip.header.Protocol;
import gov.nist.javax.sip.header.Via;
import java.util.Iterator;

/**
 * The values inside headers, written as JAIN SIP's {@code encode(StringBuilder)} methods write
 * them (RFC 3261 §25.1: name-addr, SIP URI, host-port, parameters, Via and Content-Type values)
 * but straight into one builder,
 * reading the same fields, without the generic per-object dispatch ({@code isMySubclass},
 * {@code toString}) of {@link NameValue}. A value of a shape or class not written here (an
 * {@link AddressImpl} other than a name-addr, a URI other than a {@link SipUri} or one with
 * headers, a parameter whose value is not a String) is written by JAIN SIP's own encode method,
 * so the text is always JAIN SIP's, which {@code FastHeadEncoderDifferentialTest} checks.
 * Stateless, so thread-safe.
 */
final class FastValueEncoder {

  /** {@code AddressImpl.NAME_ADDR}: display name and URI in angle brackets. */
  static final int NAME_ADDR = 1;
  /** {@code Host.IPV6ADDRESS}, whose brackets JAIN SIP adds when missing. */
  private static final int IPV6_ADDRESS = 3;
  private static final int NO_PORT = -1;

  private FastValueEncoder() {}

  /**
   * A name-addr as {@code AddressImpl.encode}: {@code "display" <uri>}; false, having written
   * nothing, if {@code address} is not a name-addr with a URI.
   */
  static boolean nameAddress(AddressImpl address, StringBuilder out) {
    if (address == null || address.getClass() != AddressImpl.class
        || (int) ADDRESS_TYPE.get(address) != NAME_ADDR) {
      return false;
    }
    GenericURI uri = (GenericURI) ADDRESS_URI.get(address);
    if (uri == null) {
      return false;
    }
    String displayName = (String) DISPLAY_NAME.get(address);
    if (displayName != null) {
      out.append('"').append(displayName).append("\" ");
    }
    out.append('<');
    uri(uri, out);
    out.append('>');
    return true;
  }

  /** A URI as {@code GenericURI.encode}: SIP URIs here, others by JAIN SIP. */
  static void uri(GenericURI uri, StringBuilder out) {
    if (uri.getClass() != SipUri.class) {
      uri.encode(out);
      return;
    }
    SipUri sipUri = (SipUri) uri;
    Authority authority = (Authority) AUTHORITY.get(sipUri);
    NameValueList headers = (NameValueList) URI_HEADERS.get(sipUri);
    if ((authority != null && authority.getClass() != Authority.class)
        || (headers != null && !headers.isEmpty())) {
      uri.encode(out);
      return;
    }
    out.append((String) SCHEME.get(uri)).append(':');
    if (authority != null) {
      authority(authority, out);
    }
    NameValueList parameters = (NameValueList) URI_PARAMETERS.get(sipUri);
    if (!parameters.isEmpty()) {
      out.append(';');
      parameters(parameters, out);
    }
  }

  private static void authority(Authority authority, StringBuilder out) {
    UserInfo userInfo = (UserInfo) USER_INFO.get(authority);
    if (userInfo != null) {
      if (userInfo.getClass() == UserInfo.class) {
        out.append((String) USER.get(userInfo));
        String password = (String) PASSWORD.get(userInfo);
        if (password != null) {
          out.append(':').append(password);
        }
      } else {
        userInfo.encode(out);
      }
      out.append('@');
    }
    hostPort((HostPort) AUTHORITY_HOST_PORT.get(authority), out);
  }

  /** A host and optional port as {@code HostPort.encode}. */
  static void hostPort(HostPort hostPort, StringBuilder out) {
    Host host = (Host) HOST.get(hostPort);
    if (hostPort.getClass() != HostPort.class || host == null) {
      hostPort.encode(out);
      return;
    }
    if (host.getClass() == Host.class && (int) HOST_TYPE.get(host) != IPV6_ADDRESS) {
      out.append((String) HOST_NAME.get(host));
    } else {
      // An IPv6 address: JAIN SIP decides whether the name still needs its brackets.
      host.encode(out);
    }
    int port = (int) PORT.get(hostPort);
    if (port != NO_PORT) {
      out.append(':').append(port);
    }
  }

  /**
   * The parameters of a non-empty list, each as {@code NameValue.encode}, separated by the list's
   * separator: {@code NameValueList.encode}.
   */
  static void parameters(NameValueList parameters, StringBuilder out) {
    if (parameters.getClass() != NameValueList.class) {
      parameters.encode(out);
      return;
    }
    String separator = (String) LIST_SEPARATOR.get(parameters);
    Iterator<NameValue> values = parameters.iterator();
    while (values.hasNext()) {
      parameter(values.next(), out);
      if (values.hasNext()) {
        out.append(separator);
      }
    }
  }

  /** One parameter: {@code name}, {@code name=value} or {@code name="value"}. */
  private static void parameter(Object element, StringBuilder out) {
    if (!(element instanceof NameValue parameter) || element.getClass() != NameValue.class) {
      encodeGeneric(element, out);
      return;
    }
    String name = (String) NAME.get(parameter);
    Object value = VALUE.get(parameter);
    if (name == null || !(value == null || value instanceof String)) {
      parameter.encode(out);
      return;
    }
    if (value == null || (boolean) FLAG.get(parameter)) {
      out.append(name);
      return;
    }
    String text = (String) value;
    out.append(name).append((String) SEPARATOR.get(parameter));
    if (!text.isEmpty() || (boolean) QUOTED.get(parameter)) {
      String quotes = (String) QUOTES.get(parameter);
      out.append(quotes).append(text).append(quotes);
    }
  }

  /** As {@code NameValueList.encode} writes an element that is not a plain parameter. */
  private static void encodeGeneric(Object element, StringBuilder out) {
    if (element instanceof GenericObject object) {
      object.encode(out);
    } else {
      out.append(element);
    }
  }

  /** {@code SIP/2.0/UDP host:port;params}, as Via.encodeBody and Protocol.encode write it. */
  static boolean via(Via via, StringBuilder out) {
    Protocol protocol = (Protocol) SENT_PROTOCOL.get(via);
    HostPort sentBy = (HostPort) SENT_BY.get(via);
    if (protocol == null || protocol.getClass() != Protocol.class || sentBy == null) {
      return false;
    }
    String name = (String) PROTOCOL_NAME.get(protocol);
    String transport = (String) TRANSPORT.get(protocol);
    // JAIN SIP upper-cases both; in upper case already, they are written as they are.
    if (!isUpperCase(name) || !isUpperCase(transport)) {
      return false;
    }
    out.append(name).append('/').append((String) PROTOCOL_VERSION.get(protocol)).append('/')
        .append(transport).append(' ');
    hostPort(sentBy, out);
    headerParameters(via, ';', out);
    String comment = (String) COMMENT.get(via);
    if (comment != null) {
      out.append(" (").append(comment).append(')');
    }
    return true;
  }

  /** {@code type/subtype;params}, as ContentType.encodeBody and MediaRange.encode write it. */
  static boolean contentType(ContentType header, StringBuilder out) {
    MediaRange range = (MediaRange) MEDIA_RANGE.get(header);
    if (range == null || range.getClass() != MediaRange.class) {
      return false;
    }
    out.append((String) MEDIA_TYPE.get(range)).append('/')
        .append((String) MEDIA_SUBTYPE.get(range));
    headerParameters(header, ';', out);
    return true;
  }

  /** A header's parameters after {@code separator}, if it has any. */
  static void headerParameters(ParametersHeader header, char separator,
      StringBuilder out) {
    NameValueList parameters = (NameValueList) PARAMETERS.get(header);
    if (!parameters.isEmpty()) {
      out.append(separator);
      parameters(parameters, out);
    }
  }

  /** True if upper-casing {@code text} in any locale leaves it unchanged: no lower case. */
  static boolean isUpperCase(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || c >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
