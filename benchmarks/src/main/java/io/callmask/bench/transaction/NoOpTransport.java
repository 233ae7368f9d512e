package io.callmask.bench.transaction;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transport.SipTransport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sip.message.Message;

/** Sends nothing and succeeds at once: the benchmarks measure the layer, not the sockets. */
final class NoOpTransport implements SipTransport {

  private static final CompletionStage<Void> SENT = CompletableFuture.completedFuture(null);
  private static final HostPort SENT_BY = new HostPort("192.0.2.10", 5060);

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
