package io.callmask.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Syntax check of an allow-list entry: an IPv4 or IPv6 address literal, optionally with a prefix
 * length. Never resolves names.
 */
final class Cidr {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Cidr() {}

  static boolean isValid(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    int maxBits;
    if (IPV4.matcher(address).matches()) {
      for (String octet : address.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      maxBits = 32;
    } else if (address.indexOf(':') >= 0 && isIpv6Literal(address)) {
      maxBits = 128;
    } else {
      return false;
    }
    if (slash < 0) {
      return true;
    }
    String prefix = text.substring(slash + 1);
    return prefix.matches("\\d{1,3}") && Integer.parseInt(prefix) <= maxBits;
  }

  /** A string with a colon is parsed as an IPv6 literal by the JDK, without any DNS lookup. */
  private static boolean isIpv6Literal(String address) {
    try {
      InetAddress.getByName(address);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
