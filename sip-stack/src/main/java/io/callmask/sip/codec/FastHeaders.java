package io.callmask.sip.codec;

import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.AllowList;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.Expires;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.RequireList;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.SupportedList;
import gov.nist.javax.sip.header.extensions.SessionExpires;
import gov.nist.javax.sip.header.ims.PAssertedIdentityList;
import io.callmask.sip.codec.HeaderBlock.Field;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.header.OptionTag;

/**
 * The fast path of header parsing: hand-written parsers for the request line and the headers that
 * dominate carrier traffic, each accepting only a plain, common subset of its RFC 3261 §25.1
 * grammar and building the same JAIN SIP objects, with the same setters, as JAIN SIP's own parser
 * would. Whatever is outside the subset (compact or unusual name spellings, escapes, quoted-pairs,
 * comments, odd whitespace, out-of-range numbers) is "not mine": {@link #parse} returns null and
 * the header goes to JAIN SIP's parser exactly as before, so every torture case keeps that path.
 * Each subset lies within what {@link SipValidator} accepts, which therefore skips the value
 * checks of what this class took.
 * JAIN SIP's per-header parsers took about 13.6 µs of the 20 µs a carrier INVITE took to decode.
 * Stateless, so thread-safe.
 */
final class FastHeaders {

  private static final ValueCursor.CharClass UPPER =
      ValueCursor.CharClass.exactly("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  private static final String VERSION = " SIP/2.0";
  /** Call-ID words without the quote-like, bracket and escape characters of RFC 3261 §25.1. */
  private static final ValueCursor.CharClass CALL_ID = ValueCursor.CharClass.of("-._!~*+@");
  private static final int MAX_MAX_FORWARDS = 255;

  private FastHeaders() {}

  /** The header {@code field} holds, or null if it is not in the fast path's subset. */
  static SIPHeader parse(Field field) {
    String wire = field.wireName();
    ValueCursor value = field.cursor();
    try {
      // Each header only in its usual spelling; the name switch and the check are one step.
      switch (field.name()) {
        case HeaderNames.VIA:
          return wire.equals("Via") ? FastVia.parse(value) : null;
        case HeaderNames.FROM:
          return wire.equals("From") ? single(value, HeaderPrototype.FROM.create()) : null;
        case HeaderNames.TO:
          return wire.equals("To") ? single(value, HeaderPrototype.TO.create()) : null;
        case HeaderNames.CONTACT:
          return wire.equals("Contact") ? contacts(value) : null;
        case HeaderNames.ROUTE:
          return wire.equals("Route") ? list(value, new RouteList(), HeaderPrototype.ROUTE) : null;
        case HeaderNames.RECORD_ROUTE:
          return wire.equals("Record-Route")
              ? list(value, new RecordRouteList(), HeaderPrototype.RECORD_ROUTE) : null;
        case "p-asserted-identity":
          return wire.equals("P-Asserted-Identity")
              ? list(value, new PAssertedIdentityList(),
                  HeaderPrototype.P_ASSERTED_IDENTITY) : null;
        case HeaderNames.CALL_ID:
          return wire.equals("Call-ID") ? callId(value) : null;
        case HeaderNames.CSEQ:
          return wire.equals("CSeq") ? cseq(value) : null;
        case HeaderNames.MAX_FORWARDS:
          return wire.equals("Max-Forwards") ? maxForwards(value) : null;
        case HeaderNames.CONTENT_LENGTH:
          return wire.equals("Content-Length") ? contentLength(value) : null;
        case HeaderNames.EXPIRES:
          return wire.equals("Expires") ? expires(value) : null;
        case HeaderNames.CONTENT_TYPE:
          return wire.equals("Content-Type") ? contentType(value) : null;
        case "session-expires":
          return wire.equals("Session-Expires") ? sessionExpires(value) : null;
        case "allow":
          return wire.equals("Allow") ? allow(value) : null;
        case "supported":
          return wire.equals("Supported")
              ? optionTags(value, new SupportedList(), HeaderPrototype.SUPPORTED) : null;
        case "require":
          return wire.equals("Require")
              ? optionTags(value, new RequireList(), HeaderPrototype.REQUIRE) : null;
        default:
          return null;
      }
    } catch (ParseException | InvalidArgumentException e) {
      // A setter refused what the subset let through: JAIN SIP's parser decides instead.
      return null;
    }
  }

  /**
   * The request line (RFC 3261 §7.1) {@code METHOD SP plain-URI SP SIP/2.0}, method in capitals;
   * null if it is anything else, for JAIN SIP's request-line parser.
   */
  static RequestLine requestLine(String line) {
    ValueCursor cursor = new ValueCursor(line);
    String method = cursor.run(UPPER);
    if (method == null || !cursor.skip(' ')) {
      return null;
    }
    GenericURI uri = FastUris.uri(cursor, ' ');
    if (uri == null || !cursor.skip(VERSION) || !cursor.atEnd()) {
      return null;
    }
    RequestLine requestLine = new RequestLine();
    requestLine.setMethod(method);
    requestLine.setUri(uri);
    requestLine.setSipVersion("SIP/2.0");
    return requestLine;
  }

  private static SIPHeader single(ValueCursor cursor, AddressParametersHeader header) {
    return FastAddresses.read(cursor, header) && cursor.atEnd() ? header : null;
  }

  private static <H extends AddressParametersHeader> SIPHeader list(ValueCursor cursor,
      SIPHeaderList<H> list, HeaderPrototype<H> element) {
    do {
      H header = element.create();
      if (!FastAddresses.read(cursor, header)) {
        return null;
      }
      list.add(header);
    } while (FastAddresses.nextElement(cursor));
    return cursor.atEnd() ? list : null;
  }

  /**
   * Contacts whose {@code expires} parameters, if any, are delta-seconds: {@link SipValidator}
   * trusts what this class takes, and a larger value is invalid (RFC 4475 §3.1.2.4).
   */
  private static SIPHeader contacts(ValueCursor cursor) {
    ContactList contacts = (ContactList) list(cursor, new ContactList(), HeaderPrototype.CONTACT);
    if (contacts == null) {
      return null;
    }
    for (Contact contact : contacts) {
      String expires = contact.getParameter(Contact.EXPIRES);
      if (expires != null && SipSyntax.parseDigits(expires, SipSyntax.MAX_DELTA_SECONDS) < 0) {
        return null;
      }
    }
    return contacts;
  }

  private static SIPHeader callId(ValueCursor cursor) throws ParseException {
    String id = cursor.run(CALL_ID);
    if (id == null || !cursor.atEnd() || id.indexOf('@') != id.lastIndexOf('@')
        || id.charAt(0) == '@' || id.charAt(id.length() - 1) == '@') {
      return null;
    }
    CallID callId = HeaderPrototype.CALL_ID.create();
    callId.setCallId(id);
    return callId;
  }

  private static SIPHeader cseq(ValueCursor cursor)
      throws ParseException, InvalidArgumentException {
    int number = cursor.digits(9);
    if (number < 0 || !cursor.skip(' ')) {
      return null;
    }
    String method = cursor.run(UPPER);
    if (method == null || !cursor.atEnd()) {
      return null;
    }
    CSeq cseq = HeaderPrototype.CSEQ.create();
    cseq.setSeqNumber(number);
    cseq.setMethod(method);
    return cseq;
  }

  private static SIPHeader maxForwards(ValueCursor cursor) throws InvalidArgumentException {
    int hops = wholeNumber(cursor, 3);
    if (hops < 0 || hops > MAX_MAX_FORWARDS) {
      return null;
    }
    MaxForwards maxForwards = HeaderPrototype.MAX_FORWARDS.create();
    maxForwards.setMaxForwards(hops);
    return maxForwards;
  }

  private static SIPHeader contentLength(ValueCursor cursor) throws InvalidArgumentException {
    int length = wholeNumber(cursor, 9);
    if (length < 0) {
      return null;
    }
    ContentLength contentLength = HeaderPrototype.CONTENT_LENGTH.create();
    contentLength.setContentLength(length);
    return contentLength;
  }

  private static SIPHeader expires(ValueCursor cursor) throws InvalidArgumentException {
    int seconds = wholeNumber(cursor, 9);
    if (seconds < 0) {
      return null;
    }
    Expires expires = HeaderPrototype.EXPIRES.create();
    expires.setExpires(seconds);
    return expires;
  }

  private static SIPHeader contentType(ValueCursor cursor) {
    String type = cursor.run(ValueCursor.TOKEN);
    if (type == null || !cursor.skip('/')) {
      return null;
    }
    String subtype = cursor.run(ValueCursor.TOKEN);
    if (subtype == null) {
      return null;
    }
    ContentType contentType = HeaderPrototype.CONTENT_TYPE.create();
    contentType.setContentType(type, subtype);
    return FastAddresses.readParameters(cursor, contentType) && cursor.atEnd()
        ? contentType : null;
  }

  private static SIPHeader sessionExpires(ValueCursor cursor) throws InvalidArgumentException {
    int seconds = cursor.digits(9);
    if (seconds < 0) {
      return null;
    }
    SessionExpires sessionExpires = HeaderPrototype.SESSION_EXPIRES.create();
    sessionExpires.setExpires(seconds);
    return FastAddresses.readParameters(cursor, sessionExpires) && cursor.atEnd()
        ? sessionExpires : null;
  }

  private static SIPHeader allow(ValueCursor cursor) throws ParseException {
    AllowList list = new AllowList();
    do {
      String method = cursor.run(UPPER);
      if (method == null) {
        return null;
      }
      Allow allow = HeaderPrototype.ALLOW.create();
      allow.setMethod(method);
      list.add(allow);
    } while (FastAddresses.nextElement(cursor));
    return cursor.atEnd() ? list : null;
  }

  private static <H extends SIPHeader & OptionTag> SIPHeader optionTags(ValueCursor cursor,
      SIPHeaderList<H> list, HeaderPrototype<H> element) throws ParseException {
    do {
      String tag = cursor.run(ValueCursor.TOKEN);
      if (tag == null) {
        return null;
      }
      H header = element.create();
      header.setOptionTag(tag);
      list.add(header);
    } while (FastAddresses.nextElement(cursor));
    return cursor.atEnd() ? list : null;
  }

  /** A value of 1 to {@code maxDigits} digits and nothing else, or -1. */
  private static int wholeNumber(ValueCursor cursor, int maxDigits) {
    int number = cursor.digits(maxDigits);
    return cursor.atEnd() ? number : -1;
  }
}
