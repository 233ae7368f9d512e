package io.callmask.bench.transaction;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transport.SipTransport;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sip.message.Message;

/**
 * Sends nothing and succeeds at once: the benchmarks measure the layer, not the sockets. This node
 * is {@link #NEAR}; the far end the benchmarks' messages come from is {@link #FAR}.
 */
final class NoOpTransport implements SipTransport {

  static final InetSocketAddress NEAR = new InetSocketAddress("192.0.2.10", 5060);
  static final InetSocketAddress FAR = new InetSocketAddress("192.0.2.20", 5060);
  private static final CompletionStage<Void> SENT = CompletableFuture.completedFuture(null);
  private static final HostPort SENT_BY = new HostPort(NEAR.getHostString(), NEAR.getPort());

  /** The far end as the transport reports a message from it over {@code transport}. */
  static Peer farEnd(Transport transport) {
    return new Peer(transport, FAR, NEAR);
  }

  @Override
  public CompletionStage<Void> send(Message message, Peer destination) {
    return SENT;
  }

  @Override
  public HostPort advertised(Transport transport) {
    return SENT_BY;
  }

  @Override
  public boolean supports(Transport transport) {
    return true;
  }
}
