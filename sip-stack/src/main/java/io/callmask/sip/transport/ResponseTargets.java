package io.callmask.sip.transport;

import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.Peer;
import java.net.InetSocketAddress;
import java.util.Objects;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;

/**
 * Where a server sends a response (RFC 3261 §18.2.2 with RFC 3581 §4), computed from the top Via
 * of the request as the transport stamped it (§18.2.1) and the peer the request came from.
 *
 * <ol>
 *   <li>Reliable transport: back on the connection the request came in on (the peer's remote
 *       address keys it in the connection table).
 *   <li>{@code maddr} present: that address, with the sent-by port (default 5060).
 *   <li>{@code rport} with a value: the {@code received} address (else the source address) and the
 *       rport value, which is how responses get through NATs.
 *   <li>Otherwise: {@code received} (else the sent-by host) with the sent-by port (default 5060).
 * </ol>
 *
 * <p>Pure and thread-safe. Never asks DNS: a host name (in {@code maddr}, or a sent-by that the
 * stamping left without {@code received}) yields an unresolved address, which the transport
 * resolves off the event loop when sending.
 */
public final class ResponseTargets {

  private ResponseTargets() {}

  /** The destination for {@code response}, using its top Via (copied from the request, §8.2.6). */
  public static Peer forResponse(Response response, Peer requestPeer) {
    ViaHeader via = CoreHeaders.topVia(response);
    if (via == null) {
      throw new IllegalArgumentException("response without Via");
    }
    return forVia(via, requestPeer);
  }

  /** The destination for a response to a request whose top Via is {@code topVia}. */
  public static Peer forVia(ViaHeader topVia, Peer requestPeer) {
    Objects.requireNonNull(topVia, "topVia");
    Objects.requireNonNull(requestPeer, "requestPeer");
    if (requestPeer.transport().isReliable()) {
      return requestPeer;
    }
    ViaSentBy sentBy = ViaSentBy.of(topVia);
    String maddr = topVia.getMAddr();
    if (maddr != null && !maddr.isBlank()) {
      return to(requestPeer, ViaSentBy.socketAddress(maddr, sentBy.port()));
    }
    String received = topVia.getReceived();
    int rport = topVia.getRPort();
    if (rport > 0) {
      InetSocketAddress target = received != null
          ? ViaSentBy.socketAddress(received, rport)
          : new InetSocketAddress(requestPeer.remote().getAddress(), rport);
      return to(requestPeer, target);
    }
    if (received != null) {
      return to(requestPeer, ViaSentBy.socketAddress(received, sentBy.port()));
    }
    return to(requestPeer, sentBy.socketAddress());
  }

  /** The request's own peer when the response goes back where the request came from. */
  private static Peer to(Peer requestPeer, InetSocketAddress target) {
    if (target.equals(requestPeer.remote())) {
      return requestPeer;
    }
    return new Peer(requestPeer.transport(), target, requestPeer.local());
  }
}
