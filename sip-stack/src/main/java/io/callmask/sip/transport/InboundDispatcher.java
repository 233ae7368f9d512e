package io.callmask.sip.transport;

import io.callmask.sip.codec.SipMessageEncoder;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.Inbound;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.MalformedMessage;
import io.callmask.sip.message.Transport;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound step of every SIP pipeline: takes what the codec produced and hands it up.
 *
 * <ul>
 *   <li>Requests get their top Via stamped with received/rport (RFC 3261 §18.2.1, RFC 3581).
 *   <li>Responses whose top Via does not name this node are discarded (§18.1.2).
 *   <li>Malformed input is answered with the codec's 400 when it made one, back to where it came
 *       from (on the same connection for TCP), counted, and reported to the listener.
 * </ul>
 *
 * <p>Valid messages reach the listener where the {@link CallWorkers} put them; malformed input is
 * reported where it arrived.
 *
 * <p>Sharable and thread-safe: it holds no per-channel state. A listener that throws is logged and
 * does not close the channel, since one bad message must not cost a connection its other calls.
 */
@Sharable
final class InboundDispatcher extends SimpleChannelInboundHandler<Inbound> {

  private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

  private final InboundListener listener;
  private final TransportCounters counters;
  private final Predicate<ViaHeader> namesThisNode;
  private final CallWorkers workers;
  private final ThrottledWarning listenerFailures =
      new ThrottledWarning(LOG, Duration.ofSeconds(10));

  /**
   * @param namesThisNode whether a response's top Via carries this node's sent-by; evaluated
   *     only once the transport is bound
   * @param workers where the listener hears of each message
   */
  InboundDispatcher(InboundListener listener, TransportCounters counters,
      Predicate<ViaHeader> namesThisNode, CallWorkers workers) {
    this.listener = listener;
    this.counters = counters;
    this.namesThisNode = namesThisNode;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Inbound inbound) {
    if (inbound instanceof InboundMessage message) {
      dispatch(message);
    } else if (inbound instanceof MalformedMessage malformed) {
      reject(ctx, malformed);
    }
  }

  private void dispatch(InboundMessage inbound) {
    ViaHeader via = CoreHeaders.topVia(inbound.message());
    if (via == null) {
      // The codec's validation requires a Via; guard anyway, as nothing can be answered without.
      counters.countDropped();
      return;
    }
    if (inbound.isRequest()) {
      ViaStamper.stamp(via, inbound.peer().remote());
    } else if (!namesThisNode.test(via)) {
      LOG.debug("dropping response from {} for sent-by {}:{}", inbound.peer(), via.getHost(),
          via.getPort());
      counters.countDropped();
      return;
    }
    counters.countReceived();
    CallIdHeader callId = CoreHeaders.callId(inbound.message());
    try {
      workers.run(callId == null ? null : callId.getCallId(), () -> deliver(inbound));
    } catch (RejectedExecutionException e) {
      // the transport is stopping: its event loops take no more work
      counters.countDropped();
    }
  }

  private void deliver(InboundMessage inbound) {
    try {
      listener.onMessage(inbound);
    } catch (RuntimeException e) {
      listenerFailures.log("listener failed on a message from " + inbound.peer(), e);
    }
  }

  private void reject(ChannelHandlerContext ctx, MalformedMessage malformed) {
    counters.countMalformed();
    LOG.debug("malformed input from {}: {}", malformed.peer(), malformed.reason());
    if (malformed.rejection().isPresent()) {
      send(ctx, malformed, malformed.rejection().get());
    } else {
      counters.countDropped();
    }
    try {
      listener.onMalformed(malformed);
    } catch (RuntimeException e) {
      listenerFailures.log("listener failed on malformed input from " + malformed.peer(), e);
    }
  }

  /** Answers on the channel the input came in on: the datagram socket, or the TCP connection. */
  private void send(ChannelHandlerContext ctx, MalformedMessage malformed, Response rejection) {
    Object out;
    if (malformed.peer().transport() == Transport.UDP) {
      out = new DatagramPacket(SipMessageEncoder.encode(ctx.alloc(), rejection),
          malformed.peer().remote());
    } else {
      out = rejection;
    }
    ctx.writeAndFlush(out).addListener((ChannelFutureListener) written -> {
      if (written.isSuccess()) {
        counters.countRejected();
      } else {
        counters.countSendFailure();
        LOG.debug("could not send 400 to {}", malformed.peer(), written.cause());
      }
    });
  }
}
