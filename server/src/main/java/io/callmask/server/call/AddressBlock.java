package io.callmask.server.call;

import io.callmask.server.dialog.IpLiterals;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An address block from a trunk's allow list: an IPv4 or IPv6 literal with an optional prefix
 * length ({@code 203.0.113.0/24}, {@code 2001:db8::/32}, or one address). Never resolves names.
 * Immutable and thread-safe.
 */
record AddressBlock(byte[] network, int prefixBits) {

  /** Parses a CIDR block or a single address; throws IllegalArgumentException when neither. */
  static AddressBlock parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text.trim() : text.substring(0, slash).trim();
    byte[] bytes = IpLiterals.parse(address)
        .map(InetAddress::getAddress)
        .orElseThrow(() -> new IllegalArgumentException("not an address or CIDR block"));
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(text.substring(slash + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length");
      }
      if (bits < 0 || bits > bytes.length * 8) {
        throw new IllegalArgumentException("prefix length out of range");
      }
    }
    return new AddressBlock(bytes, bits);
  }

  /** One address. */
  static AddressBlock of(InetAddress address) {
    byte[] bytes = address.getAddress();
    return new AddressBlock(bytes, bytes.length * 8);
  }

  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int whole = prefixBits / 8;
    for (int i = 0; i < whole; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[whole] & mask) == (network[whole] & mask);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AddressBlock block && block.prefixBits == prefixBits
        && Arrays.equals(block.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixBits;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes always make an address", e);
    }
  }
}
