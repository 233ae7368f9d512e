package io.callmask.server.dialog;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads IP address literals without ever asking DNS, so that it is safe on a SIP thread: a host
 * name (anything that is not a literal) reads as empty. Thread-safe.
 */
public final class IpLiterals {

  private IpLiterals() {}

  /** The address {@code host} spells, for a dotted IPv4 or a (bracketed or bare) IPv6 literal. */
  public static Optional<InetAddress> parse(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    String bare = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    if (!isIpv4(bare) && !isIpv6Shape(bare)) {
      return Optional.empty();
    }
    try {
      // a literal is only checked for format, never looked up (InetAddress.getByName javadoc)
      return Optional.of(InetAddress.getByName(bare));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean isIpv4(String text) {
    int dots = 0;
    int digits = 0;
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (digits == 0) {
          return false;
        }
        dots++;
        digits = 0;
        value = 0;
      } else if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return false;
        }
      } else {
        return false;
      }
    }
    return dots == 3 && digits > 0;
  }

  /** Hex digits, colons and (for an embedded IPv4 tail) dots, with at least one colon. */
  private static boolean isIpv6Shape(String text) {
    if (text.indexOf(':') < 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') {
        return false;
      }
    }
    return true;
  }
}
