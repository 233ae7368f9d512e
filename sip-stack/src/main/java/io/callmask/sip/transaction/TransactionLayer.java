package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.transport.InboundListener;
import io.callmask.sip.transport.SipTransport;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction layer (RFC 3261 §17, RFC 6026): matches inbound messages to transactions,
 * starts client transactions for the TU, and hands the TU new requests, dialog ACKs and stray
 * responses. Sits on a {@link SipTransport}, which it receives messages from as its {@link
 * InboundListener}.
 *
 * <p>Thread-safe: the transport may call {@link #onMessage} from several event loops, timers fire
 * on the timer thread, and the TU may call in from anywhere. Nothing here blocks. TU and listener
 * callbacks are made without any lock held, on whichever of those threads caused them.
 *
 * <p>The {@link TimerService} must never run a task from inside {@code schedule} nor while holding
 * a lock of its own (both {@link NettyTimerService} and a hand-driven test clock qualify).
 */
public final class TransactionLayer implements InboundListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);

  private final SipTransport transport;
  private final TimerService timers;
  private final TimerSettings settings;
  private final TransactionTable table = new TransactionTable();
  private final LongAdder retransmissions = new LongAdder();
  private volatile LayerContext context;
  private volatile InboundRequests requests;

  public TransactionLayer(SipTransport transport, TimerService timers, TimerSettings settings) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Connects the TU; once, before any message flows. */
  public synchronized void bind(TransactionUser user) {
    if (context != null) {
      throw new IllegalStateException("a transaction user is already bound");
    }
    LayerContext bound = new LayerContext(
        transport, timers, new LingerTimers(timers), settings, table, user, retransmissions);
    requests = new InboundRequests(bound);
    context = bound;
  }

  /**
   * Sends {@code request} in a new client transaction (§17.1.1 for INVITE, §17.1.2 otherwise),
   * after pushing this node's Via with a new branch and {@code rport}: {@link #prepare} and
   * {@link #send} in one step. The request belongs to the layer from here on: the TU must not
   * change or reuse it.
   *
   * @throws IllegalArgumentException for ACK, which is no transaction: use {@link #sendAck}
   */
  public ClientTransaction sendRequest(
      Request request, Peer destination, ResponseListener listener) {
    Objects.requireNonNull(listener, "listener");
    refuseAck(request);
    return send(prepare(request, destination), listener);
  }

  /**
   * Pushes this node's Via with a new branch and {@code rport} (RFC 3261 §8.1.1.7, §18.1.1, RFC
   * 3581) onto {@code request} and encodes it, for a TU that checks the bytes before they leave
   * and then sends them with {@link #send} (or {@link #sendAck}, for an ACK of a 2xx). The
   * request belongs to the layer from here on: the TU must not change or reuse it.
   */
  public OutgoingRequest prepare(Request request, Peer destination) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(destination, "destination");
    OutgoingRequests.pushVia(request, transport.advertised(destination.transport()),
        destination.transport());
    return new OutgoingRequest(EncodedMessage.of(request), request, destination, this);
  }

  /**
   * Sends {@code prepared} in a new client transaction (§17.1.1 for INVITE, §17.1.2 otherwise):
   * these bytes are sent and retransmitted, never encoded again.
   *
   * @throws IllegalArgumentException for ACK, which is no transaction: use {@link
   *     #sendAck(OutgoingRequest)}; or if another layer prepared it
   */
  public ClientTransaction send(OutgoingRequest prepared, ResponseListener listener) {
    Objects.requireNonNull(listener, "listener");
    Request request = preparedHere(prepared).request();
    refuseAck(request);
    LayerContext bound = bound();
    ClientSideTransaction transaction = Request.INVITE.equals(request.getMethod())
        ? new ClientInviteTransaction(bound, prepared.encoded(), prepared.destination(), listener)
        : new ClientNonInviteTransaction(bound, prepared.encoded(), prepared.destination(),
            listener);
    transaction.launch();
    return transaction;
  }

  /**
   * Cancels {@code invite} (§9.1): the CANCEL copies its Request-URI, Call-ID, To, From, CSeq
   * number, top Via and Route headers, and goes to the same destination in its own non-INVITE
   * client transaction. If no provisional response has arrived yet, the CANCEL is held until one
   * does; if the INVITE ends first (final response, timeout, transport error), the CANCEL is never
   * sent and {@code listener} hears nothing, the INVITE's own listener having heard the outcome.
   * An INVITE that already has its outcome is not cancelled at all: the returned transaction is
   * completed, and nothing is sent. Cancelling twice returns the first CANCEL. The INVITE's 487, if
   * it comes, reaches the INVITE's listener as usual.
   *
   * @throws IllegalArgumentException if {@code invite} is not an INVITE client transaction of
   *     this layer
   */
  public ClientTransaction sendCancel(ClientTransaction invite, ResponseListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (!(invite instanceof ClientInviteTransaction inviteTransaction)
        || inviteTransaction.context != bound()) {
      throw new IllegalArgumentException("not an INVITE client transaction of this layer");
    }
    return inviteTransaction.cancel(listener);
  }

  /**
   * Sends the ACK of a 2xx (§13.2.2.4) statelessly, after pushing this node's Via with a new
   * branch: that ACK is a transaction of its own, which the TU retransmits for each 2xx.
   */
  public void sendAck(Request ack, Peer destination) {
    if (!Request.ACK.equals(ack.getMethod())) {
      throw new IllegalArgumentException("not an ACK: " + ack.getMethod());
    }
    sendAck(prepare(ack, destination));
  }

  /**
   * Sends a {@link #prepare prepared} ACK of a 2xx (§13.2.2.4) statelessly; the TU may keep its
   * {@link OutgoingRequest#encoded() bytes} and re-send them with {@link
   * #sendStateless(EncodedMessage, Peer)} for each retransmission of the 2xx.
   *
   * @throws IllegalArgumentException if it is no ACK, or another layer prepared it
   */
  public void sendAck(OutgoingRequest prepared) {
    Request ack = preparedHere(prepared).request();
    if (!Request.ACK.equals(ack.getMethod())) {
      throw new IllegalArgumentException("not an ACK: " + ack.getMethod());
    }
    sendStateless(prepared.encoded(), prepared.destination());
  }

  /**
   * Sends {@code message} as it is, outside any transaction: no Via is pushed or removed. For
   * re-sending a stored ACK to a retransmitted 2xx, or forwarding a response. Failures are logged.
   */
  public void sendStateless(Message message, Peer destination) {
    Objects.requireNonNull(message, "message");
    sendStateless(EncodedMessage.of(message), destination);
  }

  /** As {@link #sendStateless(Message, Peer)}, for a message already encoded: these bytes. */
  public void sendStateless(EncodedMessage message, Peer destination) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(destination, "destination");
    transport.send(message, destination).whenComplete((ignored, failure) -> {
      if (failure != null) {
        LOG.debug("stateless send to {} failed: {}", destination, failure.toString());
      }
    });
  }

  private OutgoingRequest preparedHere(OutgoingRequest prepared) {
    Objects.requireNonNull(prepared, "prepared");
    if (prepared.layer() != this) {
      throw new IllegalArgumentException("prepared by another transaction layer");
    }
    return prepared;
  }

  private static void refuseAck(Request request) {
    if (Request.ACK.equals(request.getMethod())) {
      throw new IllegalArgumentException("ACK is not sent in a transaction; use sendAck");
    }
  }

  /** Live transactions, client and server. */
  public int size() {
    return table.size();
  }

  /**
   * Requests and responses sent again because their timer ran out before an answer came (timers
   * A, E and G, 2xx included), since the layer started. Answers to a peer's retransmissions are
   * not counted: the peer counts those.
   */
  public long retransmissions() {
    return retransmissions.sum();
  }

  /** Entries of the table's secondary indexes, for leak checks: zero when {@link #size} is. */
  int indexSize() {
    return table.indexSize();
  }

  @Override
  public void onMessage(InboundMessage inbound) {
    LayerContext bound = context;
    if (bound == null) {
      LOG.warn("message from {} before a transaction user was bound: dropped", inbound.peer());
      return;
    }
    try {
      if (inbound.isRequest()) {
        requests.dispatch(inbound.request(), inbound.peer());
      } else {
        response(bound, inbound.response(), inbound.peer());
      }
    } catch (RuntimeException e) {
      // a bug here or in the TU must not unwind into the transport's event loop
      LOG.warn("message from {} failed in the transaction layer", inbound.peer(), e);
    }
  }

  /** §17.1.3: to the client transaction by branch and CSeq method, else to the TU as stray. */
  private void response(LayerContext bound, Response response, Peer from) {
    ClientSideTransaction transaction = table.client(TransactionKey.forClient(response));
    if (transaction != null) {
      transaction.onResponse(response, from);
    } else {
      bound.user().onStrayResponse(response, from);
    }
  }

  /** Ends every transaction silently and cancels all their timers. Does not close the timers. */
  @Override
  public void close() {
    for (Transaction transaction : table.all()) {
      transaction.shutdown();
    }
  }

  private LayerContext bound() {
    LayerContext bound = context;
    if (bound == null) {
      throw new IllegalStateException("bind a transaction user first");
    }
    return bound;
  }
}
