package io.callmask.sip.message;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The far end of a message: which transport, the remote socket address and the local address it
 * arrived on (or should leave from). For TCP, {@code remote} identifies the connection.
 */
public record Peer(Transport transport, InetSocketAddress remote, InetSocketAddress local) {

  public Peer {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(remote, "remote");
  }

  /** A destination to send to, the local side chosen by the transport. */
  public static Peer to(Transport transport, InetSocketAddress remote) {
    return new Peer(transport, remote, null);
  }

  @Override
  public String toString() {
    return transport + ":" + remote.getHostString() + ":" + remote.getPort();
  }
}
