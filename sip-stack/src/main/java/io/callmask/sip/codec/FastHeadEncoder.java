package io.callmask.sip.codec;

import static io.callmask.sip.codec.JainSipFields.ADDRESS;
import static io.callmask.sip.codec.JainSipFields.ALLOWED_METHOD;
import static io.callmask.sip.codec.JainSipFields.CALL_IDENTIFIER;
import static io.callmask.sip.codec.JainSipFields.CALL_ID_HOST;
import static io.callmask.sip.codec.JainSipFields.CONTENT_LENGTH;
import static io.callmask.sip.codec.JainSipFields.CSEQ_METHOD;
import static io.callmask.sip.codec.JainSipFields.HEADER_LIST;
import static io.callmask.sip.codec.JainSipFields.HEADER_NAME;
import static io.callmask.sip.codec.JainSipFields.LOCAL_ID;
import static io.callmask.sip.codec.JainSipFields.MAX_FORWARDS;
import static io.callmask.sip.codec.JainSipFields.MESSAGE_CONTENT_LENGTH;
import static io.callmask.sip.codec.JainSipFields.MESSAGE_HEADERS;
import static io.callmask.sip.codec.JainSipFields.OPTION_TAG;
import static io.callmask.sip.codec.JainSipFields.REASON;
import static io.callmask.sip.codec.JainSipFields.REQUEST_LINE;
import static io.callmask.sip.codec.JainSipFields.REQUEST_METHOD;
import static io.callmask.sip.codec.JainSipFields.REQUEST_URI;
import static io.callmask.sip.codec.JainSipFields.REQUEST_VERSION;
import static io.callmask.sip.codec.JainSipFields.REQUIRED_TAG;
import static io.callmask.sip.codec.JainSipFields.SEQUENCE;
import static io.callmask.sip.codec.JainSipFields.STATUS_CODE;
import static io.callmask.sip.codec.JainSipFields.STATUS_LINE;
import static io.callmask.sip.codec.JainSipFields.WILDCARD;

import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.AllowList;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.CallIdentifier;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.Require;
import gov.nist.javax.sip.header.RequireList;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.Supported;
import gov.nist.javax.sip.header.SupportedList;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.header.ims.PAssertedIdentity;
import gov.nist.javax.sip.header.ims.PAssertedIdentityList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writes a message's head (RFC 3261 §7: start line, headers, the empty line) exactly as
 * {@code SIPMessage.encodeMessage(StringBuilder)} does, but without JAIN SIP's nested encode
 * calls for the start line and the headers every call carries: Via, From, To, Call-ID, CSeq,
 * Max-Forwards, Contact, Route, Record-Route, P-Asserted-Identity, Allow, Supported, Require,
 * Content-Type and Content-Length. Each is written from the fields JAIN SIP's encode methods
 * read, in their order and with their punctuation. A header of another class, or of a shape this
 * class does not write (a Contact {@code *}, an address without angle brackets, a method or
 * transport in lower case, a request line without a method), is written by its own
 * {@code encode}: what is written here was first undone. JAIN SIP's nested encode calls (generic parameter dispatch, list and protocol
 * encoding, a boxed CSeq number) were most of the encoder's time; {@code
 * FastHeadEncoderDifferentialTest} shows the text is the same on thousands of messages.
 * Stateless, so thread-safe.
 */
final class FastHeadEncoder {

  private static final String CRLF = "\r\n";

  private FastHeadEncoder() {}

  /** Appends the head of {@code message} to {@code out}: what encodeMessage would append. */
  static void encode(SIPMessage message, StringBuilder out) {
    if (!startLine(message, out)) {
      message.encodeMessage(out);
      return;
    }
    @SuppressWarnings("unchecked")
    ConcurrentLinkedQueue<SIPHeader> headers =
        (ConcurrentLinkedQueue<SIPHeader>) MESSAGE_HEADERS.get(message);
    for (SIPHeader header : headers) {
      if (!(header instanceof ContentLength)) {
        header(header, out);
      }
    }
    ContentLength contentLength = (ContentLength) MESSAGE_CONTENT_LENGTH.get(message);
    header(contentLength, out);
    out.append(CRLF);
  }

  /**
   * The request or status line; false, having written nothing, if encodeMessage would do
   * anything but write it then the headers (a request line without a method takes the CSeq's).
   */
  private static boolean startLine(SIPMessage message, StringBuilder out) {
    if (message.getClass() == SIPRequest.class) {
      RequestLine line = (RequestLine) REQUEST_LINE.get((SIPRequest) message);
      if (line == null || line.getClass() != RequestLine.class
          || (String) REQUEST_METHOD.get(line) == null) {
        return false;
      }
      out.append((String) REQUEST_METHOD.get(line)).append(' ');
      GenericURI uri = (GenericURI) REQUEST_URI.get(line);
      if (uri != null) {
        FastValueEncoder.uri(uri, out);
        out.append(' ');
      }
      out.append((String) REQUEST_VERSION.get(line)).append(CRLF);
      return true;
    }
    if (message.getClass() == SIPResponse.class) {
      StatusLine line = (StatusLine) STATUS_LINE.get((SIPResponse) message);
      if (line == null || line.getClass() != StatusLine.class) {
        return false;
      }
      out.append("SIP/2.0 ").append((int) STATUS_CODE.get(line));
      String reason = (String) REASON.get(line);
      if (reason != null) {
        out.append(' ').append(reason);
      }
      out.append(CRLF);
      return true;
    }
    return false;
  }

  /** Whether this class writes {@code header} itself rather than leaving it to JAIN SIP. */
  static boolean writesItself(SIPHeader header) {
    return written(header, new StringBuilder());
  }

  /** One header line (or several, for a list JAIN SIP writes a line per value). */
  private static void header(SIPHeader header, StringBuilder out) {
    int start = out.length();
    if (!written(header, out)) {
      out.setLength(start);
      header.encode(out);
    }
  }

  private static boolean written(SIPHeader header, StringBuilder out) {
    Class<?> type = header.getClass();
    if (type == ViaList.class || type == RouteList.class || type == RecordRouteList.class) {
      return !JainSipFields.prettyEncode() && list(header, out);
    }
    if (type == ContactList.class || type == PAssertedIdentityList.class
        || type == AllowList.class || type == SupportedList.class || type == RequireList.class) {
      return list(header, out);
    }
    if (type == CallID.class || type == CSeq.class || type == MaxForwards.class
        || type == ContentLength.class || type == ContentType.class || type == From.class
        || type == To.class) {
      out.append((String) HEADER_NAME.get(header)).append(": ");
      if (!body(header, out)) {
        return false;
      }
      out.append(CRLF);
      return true;
    }
    return false;
  }

  /** {@code Name: value,value}, as SIPHeaderList.encode writes the lists above. */
  private static boolean list(SIPHeader header, StringBuilder out) {
    List<?> values = (List<?>) HEADER_LIST.get((SIPHeaderList<?>) header);
    if (values.isEmpty()) {
      return false;
    }
    out.append((String) HEADER_NAME.get(header)).append(": ");
    boolean first = true;
    for (Object value : values) {
      if (!first) {
        out.append(',');
      }
      first = false;
      if (value == header || !body((SIPHeader) value, out)) {
        return false;
      }
    }
    out.append(CRLF);
    return true;
  }

  /** The value of one header as its encodeBody writes it; false if not of a shape written here. */
  private static boolean body(SIPHeader header, StringBuilder out) {
    Class<?> type = header.getClass();
    if (type == Via.class) {
      return FastValueEncoder.via((Via) header, out);
    }
    if (type == From.class || type == To.class || type == Route.class
        || type == RecordRoute.class) {
      return address((AddressParametersHeader) header, ';', out);
    }
    if (type == Contact.class) {
      return !(boolean) WILDCARD.get((Contact) header)
          && address((AddressParametersHeader) header, ';', out);
    }
    if (type == PAssertedIdentity.class) {
      // JAIN SIP separates a P-Asserted-Identity's parameters from the address with a comma.
      return address((AddressParametersHeader) header, ',', out);
    }
    if (type == Allow.class || type == Supported.class || type == Require.class) {
      // A constant handle at each call site, so that the JIT can inline the read.
      String token = type == Allow.class ? (String) ALLOWED_METHOD.get((Allow) header)
          : type == Supported.class ? (String) OPTION_TAG.get((Supported) header)
          : (String) REQUIRED_TAG.get((Require) header);
      if (token == null) {
        return false;
      }
      out.append(token);
      return true;
    }
    if (type == CallID.class) {
      CallIdentifier id = (CallIdentifier) CALL_IDENTIFIER.get((CallID) header);
      if (id != null) {
        if (id.getClass() != CallIdentifier.class) {
          return false;
        }
        out.append((String) LOCAL_ID.get(id));
        String host = (String) CALL_ID_HOST.get(id);
        if (host != null) {
          out.append('@').append(host);
        }
      }
      return true;
    }
    if (type == CSeq.class) {
      Long number = (Long) SEQUENCE.get((CSeq) header);
      String method = (String) CSEQ_METHOD.get((CSeq) header);
      if (number == null || !FastValueEncoder.isUpperCase(method)) {
        return false;
      }
      out.append(number.longValue()).append(' ').append(method);
      return true;
    }
    if (type == MaxForwards.class) {
      out.append((int) MAX_FORWARDS.get((MaxForwards) header));
      return true;
    }
    if (type == ContentLength.class) {
      out.append(Math.max(0, (int) CONTENT_LENGTH.get((ContentLength) header)));
      return true;
    }
    if (type == ContentType.class) {
      return FastValueEncoder.contentType((ContentType) header, out);
    }
    return false;
  }

  /** A name-addr and its parameters after {@code separator}. */
  private static boolean address(AddressParametersHeader header, char separator,
      StringBuilder out) {
    if (!FastValueEncoder.nameAddress(
        (AddressImpl) ADDRESS.get(header), out)) {
      return false;
    }
    FastValueEncoder.headerParameters(header, separator, out);
    return true;
  }
}
