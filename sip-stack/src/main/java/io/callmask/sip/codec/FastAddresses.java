package io.callmask.sip.codec;

import gov.nist.core.NameValue;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.ParametersHeader;

/**
 * The fast path's addresses (RFC 3261 §20.10, §25.1): a name-addr, an optional plain quoted
 * display name then a bracketed {@link FastUris plain URI}, followed by header parameters of plain
 * tokens. Built as JAIN SIP's address parser builds them. Unquoted display names, bare addr-specs,
 * quoted or escaped parameter values and odd whitespace are "not mine" (false), for JAIN SIP.
 * Stateless, so thread-safe.
 */
final class FastAddresses {

  private FastAddresses() {}

  /**
   * Reads a name-addr and its parameters into {@code header}, up to the end of the value or a
   * comma (left unconsumed); false if not in the plain subset.
   */
  static boolean read(ValueCursor cursor, AddressParametersHeader header) {
    String displayName = null;
    if (cursor.peek() == '"') {
      displayName = cursor.plainQuoted();
      if (displayName == null) {
        return false;
      }
      cursor.skip(' ');
    }
    if (!cursor.skip('<')) {
      return false;
    }
    GenericURI uri = FastUris.bracketedUri(cursor);
    if (uri == null || !cursor.skip('>')) {
      return false;
    }
    AddressImpl address = new AddressImpl();
    address.setAddressType(AddressImpl.NAME_ADDR);
    if (displayName != null) {
      address.setDisplayName(displayName);
    }
    address.setAddess(uri);
    header.setAddress(address);
    return readParameters(cursor, header);
  }

  /**
   * {@code *(";" token ["=" token])} into {@code header}, up to the end or a comma; false if a
   * parameter is not a lower-case name with an optional plain token value.
   */
  static boolean readParameters(ValueCursor cursor, ParametersHeader header) {
    while (cursor.skip(';')) {
      String name = cursor.run(ValueCursor.PARAM_NAME);
      if (name == null) {
        return false;
      }
      NameValue parameter;
      if (cursor.skip('=')) {
        String value = cursor.run(ValueCursor.TOKEN);
        if (value == null) {
          return false;
        }
        parameter = new NameValue(name, value, false);
      } else {
        parameter = new NameValue(name, "", true);
      }
      // As setParameter would.
      RoomyMaps.putLowerCase(header.getParameters(), parameter);
    }
    return cursor.atEnd() || cursor.peek() == ',';
  }

  /** After one element of a comma list: true if another follows (comma, optional space). */
  static boolean nextElement(ValueCursor cursor) {
    if (cursor.skip(',')) {
      cursor.skip(' ');
      return true;
    }
    return false;
  }
}
