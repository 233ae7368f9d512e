package io.callmask.sip.codec;

import gov.nist.core.HostPort;
import gov.nist.core.NameValue;
import gov.nist.javax.sip.header.Protocol;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;

/**
 * The fast path's Via (RFC 3261 §20.42): {@code SIP/2.0/TRANSPORT host[:port]} then parameters of
 * plain tokens ({@code received} may hold an IPv6 address), one or more comma-separated values.
 * Built as JAIN SIP's Via parser builds it (parameter names lower-cased there; here required to be
 * lower case already). Comments, spaces around the slashes or parameters, quoted values and a
 * branch without value are "not mine" (null), for JAIN SIP. Stateless, so thread-safe.
 */
final class FastVia {

  private static final ValueCursor.CharClass TRANSPORT =
      ValueCursor.CharClass.exactly("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  /** A received address: IPv4, IPv6 (without brackets) or a lower-case host name. */
  private static final ValueCursor.CharClass RECEIVED = ValueCursor.CharClass.lowerCaseOf("-.:");

  private FastVia() {}

  static ViaList parse(ValueCursor cursor) {
    ViaList vias = new ViaList();
    do {
      Via via = via(cursor);
      if (via == null) {
        return null;
      }
      vias.add(via);
    } while (FastAddresses.nextElement(cursor));
    return cursor.atEnd() ? vias : null;
  }

  private static Via via(ValueCursor cursor) {
    if (!cursor.skip("SIP/2.0/")) {
      return null;
    }
    String transport = cursor.run(TRANSPORT);
    if (transport == null || !cursor.skip(' ')) {
      return null;
    }
    Protocol protocol = new Protocol();
    protocol.setProtocolName("SIP");
    protocol.setProtocolVersion("2.0");
    protocol.setTransport(transport);
    Via via = HeaderPrototype.VIA.create();
    via.setSentProtocol(protocol);
    HostPort sentBy = FastUris.hostPort(cursor);
    if (sentBy == null) {
      return null;
    }
    via.setSentBy(sentBy);
    while (cursor.skip(';')) {
      String name = cursor.run(ValueCursor.PARAM_NAME);
      if (name == null) {
        return null;
      }
      String parameterValue = null;
      if (cursor.skip('=')) {
        parameterValue = cursor.run(name.equals(Via.RECEIVED) ? RECEIVED : ValueCursor.TOKEN);
        // JAIN SIP reads a received value up to a semicolon only: keep commas away from it.
        if (parameterValue == null || (name.equals(Via.RECEIVED) && cursor.peek() == ',')) {
          return null;
        }
      } else if (name.equals(Via.BRANCH)) {
        return null;
      }
      // As setParameter would.
      RoomyMaps.putLowerCase(via.getParameters(), new NameValue(name, parameterValue));
    }
    return cursor.atEnd() || cursor.peek() == ',' ? via : null;
  }
}
