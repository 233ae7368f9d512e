package io.callmask.sip.codec;

import gov.nist.core.Host;
import gov.nist.core.HostPort;
import gov.nist.core.NameValue;
import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.address.TelURLImpl;
import gov.nist.javax.sip.address.TelephoneNumber;

/**
 * The fast path's URIs and host-ports (RFC 3261 §19.1.1, §25.1; RFC 3966 global numbers): only
 * the plain forms of carrier traffic, built with the very setters, in the very order, that JAIN
 * SIP's URL and host-name parsers use, so that the objects cannot be told apart. Anything else
 * (escapes, passwords, URI headers, local or parameterised tel numbers, upper-case host names or
 * parameter names, other schemes) yields null: "not mine", for JAIN SIP to parse. Stateless, so thread-safe.
 */
final class FastUris {

  private static final int MAX_PORT = 65_535;

  private FastUris() {}

  /**
   * A {@code sip:}, {@code sips:} or global {@code tel:} URI inside angle brackets, consumed up to
   * (not including) the closing bracket; null if not in the plain subset.
   */
  static GenericURI bracketedUri(ValueCursor cursor) {
    return uri(cursor, '>');
  }

  /**
   * A {@code sip:}, {@code sips:} or global {@code tel:} URI that {@code terminator} follows (a
   * closing bracket, or the space before a request line's version), consumed up to it; null if
   * not in the plain subset.
   */
  static GenericURI uri(ValueCursor cursor, char terminator) {
    if (cursor.skip("sip:")) {
      return sipUri(cursor, "sip", terminator);
    }
    if (cursor.skip("sips:")) {
      return sipUri(cursor, "sips", terminator);
    }
    if (cursor.skip("tel:+")) {
      return telUri(cursor, terminator);
    }
    return null;
  }

  /** host [":" port], host a lower-case name, an IPv4 address or an IPv6 reference; or null. */
  static HostPort hostPort(ValueCursor cursor) {
    String host;
    if (cursor.skip('[')) {
      host = cursor.run(ValueCursor.IPV6);
      if (host == null || host.indexOf(':') < 0 || !cursor.skip(']')) {
        return null;
      }
      host = '[' + host + ']';
    } else {
      host = cursor.run(ValueCursor.HOST);
      if (host == null || !isPlainHostName(host)) {
        return null;
      }
    }
    HostPort hostPort = new HostPort();
    hostPort.setHost(new Host(host));
    if (cursor.skip(':')) {
      int port = cursor.digits(5);
      if (port < 0 || port > MAX_PORT) {
        return null;
      }
      hostPort.setPort(port);
    }
    return hostPort;
  }

  private static SipUri sipUri(ValueCursor cursor, String scheme, char terminator) {
    SipUri uri = new SipUri();
    if (!scheme.equals("sip")) {
      // A new SipUri already has scheme "sip", which is all setScheme would store.
      uri.setScheme(scheme);
    }
    int start = cursor.position();
    String user = cursor.run(ValueCursor.USER);
    if (user != null && cursor.skip('@')) {
      uri.setUser(user);
    } else {
      cursor.rewind(start);
    }
    HostPort hostPort = hostPort(cursor);
    if (hostPort == null) {
      return null;
    }
    uri.setHostPort(hostPort);
    while (cursor.skip(';')) {
      String name = cursor.run(ValueCursor.PARAM_NAME);
      if (name == null) {
        return null;
      }
      NameValue parameter;
      if (cursor.skip('=')) {
        String value = cursor.run(ValueCursor.URI_PARAM);
        if (value == null) {
          return null;
        }
        parameter = new NameValue(name, value, false);
      } else {
        parameter = new NameValue(name, "", true);
      }
      // As setUriParameter would.
      RoomyMaps.putLowerCase(uri.getParameters(), parameter);
    }
    return cursor.peek() == terminator ? uri : null;
  }

  /** "tel:+" digits, nothing more (RFC 3966 global-number without visual separators). */
  private static TelURLImpl telUri(ValueCursor cursor, char terminator) {
    String digits = cursor.run(ValueCursor.DIGITS);
    if (digits == null || cursor.peek() != terminator) {
      return null;
    }
    TelephoneNumber number = new TelephoneNumber();
    number.setGlobal(true);
    number.setPhoneNumber(digits);
    TelURLImpl tel = new TelURLImpl();
    tel.setTelephoneNumber(number);
    return tel;
  }

  /** Labels of letters, digits and inner hyphens, separated by single dots. */
  private static boolean isPlainHostName(String host) {
    char first = host.charAt(0);
    char last = host.charAt(host.length() - 1);
    return first != '-' && first != '.' && last != '-' && last != '.' && !host.contains("..")
        && !host.contains("-.") && !host.contains(".-");
  }
}
