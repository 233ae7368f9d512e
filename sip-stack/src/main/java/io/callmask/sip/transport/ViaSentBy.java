package io.callmask.sip.transport;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.sip.header.ViaHeader;

/**
 * The sent-by of a Via header (RFC 3261 §20.42): host without IPv6 brackets, and the port with the
 * transport's default (5060 for UDP and TCP, §18.2.2) when none is written. Also turns IP literals
 * into addresses without ever asking DNS, which must not happen on an event loop.
 */
record ViaSentBy(String host, int port) {

  /** The port a Via without one implies for UDP and TCP. */
  static final int DEFAULT_PORT = 5060;

  static ViaSentBy of(ViaHeader via) {
    int port = via.getPort();
    return new ViaSentBy(stripBrackets(via.getHost()), port > 0 ? port : DEFAULT_PORT);
  }

  /** The host as an address when it is an IP literal; empty for a name. */
  Optional<InetAddress> literalAddress() {
    return literal(host);
  }

  /** The sent-by host and port as a socket address: resolved for literals, unresolved for names. */
  InetSocketAddress socketAddress() {
    return socketAddress(host, port);
  }

  /** True when this sent-by names {@code host:port}, hosts compared as addresses or names. */
  boolean names(String otherHost, int otherPort) {
    if (port != otherPort) {
      return false;
    }
    String other = stripBrackets(otherHost);
    Optional<InetAddress> mine = literalAddress();
    Optional<InetAddress> theirs = literal(other);
    if (mine.isPresent() && theirs.isPresent()) {
      return mine.get().equals(theirs.get());
    }
    return host.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
  }

  /** {@code host:port} as an address: resolved without DNS for literals, unresolved for names. */
  static InetSocketAddress socketAddress(String host, int port) {
    String bare = stripBrackets(host);
    return literal(bare)
        .map(address -> new InetSocketAddress(address, port))
        .orElseGet(() -> InetSocketAddress.createUnresolved(bare, port));
  }

  /** An IP literal (IPv4, or IPv6 with or without brackets) as an address; empty for names. */
  static Optional<InetAddress> literal(String host) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(stripBrackets(host));
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      // getByAddress only throws for a wrong array length, which NetUtil never returns.
      throw new IllegalStateException("bad address length " + bytes.length, e);
    }
  }

  private static String stripBrackets(String host) {
    if (host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
      return host.substring(1, host.length() - 1);
    }
    return host;
  }
}
