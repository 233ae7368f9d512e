package io.callmask.server.masking;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A carrier trunk: the SIP gateway through which calls to and from its proxy numbers go (CONTRACT
 * §3 {@code trunks add}). {@code allow} lists the CIDRs whose requests are accepted; empty means
 * the gateway's own address. Immutable.
 *
 * @param name unique, letters, digits, {@code .}, {@code _}, {@code -}
 * @param gatewayHost host name or address of the carrier's SIP gateway
 * @param gatewayPort its port
 * @param transport {@code udp} or {@code tcp}
 * @param allow CIDRs allowed to send requests on this trunk
 */
public record Trunk(
    String name, String gatewayHost, int gatewayPort, String transport, List<String> allow) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Validates every field; errors name the field. */
  public Trunk {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("trunk name: 1 to 64 of letters, digits, '.', '_', '-'");
    }
    if (gatewayHost == null || gatewayHost.isBlank()) {
      throw new IllegalArgumentException("gateway: host is missing");
    }
    if (gatewayPort < 1 || gatewayPort > 65_535) {
      throw new IllegalArgumentException("gateway: port must be 1..65535");
    }
    transport = transport == null ? "udp" : transport.toLowerCase(Locale.ROOT);
    if (!transport.equals("udp") && !transport.equals("tcp")) {
      throw new IllegalArgumentException("transport: expected udp or tcp");
    }
    allow = List.copyOf(allow);
  }
}
