package io.callmask.sip.transaction;

import io.callmask.sip.message.Peer;
import java.net.InetSocketAddress;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * Where a server transaction sends its responses (RFC 3261 §18.2.2 with RFC 3581): on a reliable
 * transport, back over the connection the request came on; on UDP, to the address the request came
 * from (the Via's {@code received}) at its {@code rport} if present, else the Via's sent-by port
 * (5060 when absent). Stateless and thread-safe.
 *
 * <p>The source address is used rather than re-reading {@code received}, which the transport set
 * from that same address, so that no name is ever resolved here. {@code maddr} (multicast) is not
 * supported: callmask talks to trunks over unicast.
 */
final class ResponseRoute {

  private static final int DEFAULT_PORT = 5060;

  private ResponseRoute() {}

  static Peer of(Request request, Peer source) {
    if (source.transport().isReliable()) {
      return source;
    }
    ViaHeader via = TransactionKey.topVia(request);
    int port = via.getRPort() > 0 ? via.getRPort() : via.getPort() > 0 ? via.getPort() : DEFAULT_PORT;
    if (port == source.remote().getPort()) {
      return source;
    }
    InetSocketAddress remote = source.remote();
    InetSocketAddress target = remote.isUnresolved()
        ? InetSocketAddress.createUnresolved(remote.getHostString(), port)
        : new InetSocketAddress(remote.getAddress(), port);
    return new Peer(source.transport(), target, source.local());
  }
}
