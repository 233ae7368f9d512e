package io.callmask.server.call;

import io.callmask.sip.message.Peer;
import java.util.Objects;

/**
 * A trunk as call control uses it: its name, where its carrier's SIP gateway is (resolved), and
 * the host written in Request-URIs sent to it. Immutable.
 *
 * @param name the trunk's name
 * @param host the gateway host as configured, for Request-URI and To
 * @param port the gateway port
 * @param peer where requests to the gateway go, over the trunk's transport
 */
public record TrunkGateway(String name, String host, int port, Peer peer) {

  public TrunkGateway {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(peer, "peer");
  }
}
