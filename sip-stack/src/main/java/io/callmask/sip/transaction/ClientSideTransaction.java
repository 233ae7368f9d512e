package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Peer;
import java.lang.ref.WeakReference;
import java.util.function.Consumer;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What the INVITE and non-INVITE client machines share: the request, where it goes, and the
 * listener that hears the outcome.
 *
 * <p>The request is sent and retransmitted as the bytes it was encoded to once. When the outcome
 * is known, the transaction lets go of what it no longer needs while it lingers to absorb
 * retransmissions (up to 64·T1 on UDP): the parsed request and its bytes, and the listener once
 * no callback can follow (COMPLETED). An INVITE's Accepted state can still report 2xx (RFC 6026
 * §7.2), so there the listener is {@link #holdListenerWeakly held weakly}: a TU that still cares
 * keeps its listener reachable, and one that has moved on (its call ended and was collected) no
 * longer stays in memory for timer M; such a 2xx then reaches the TU as a stray response, as it
 * would after timer M. Thread-safety as for {@link Transaction}.
 */
abstract class ClientSideTransaction extends Transaction implements ClientTransaction {

  final Peer destination;
  /** The request until the outcome is known; null after. Written under the lock. */
  private volatile Request request;
  /** Guarded by the lock: the request's bytes, sent again on timer A or E, until the outcome. */
  private EncodedMessage encoded;
  /** Guarded by the lock: the listener, until it is released or held weakly. */
  private ResponseListener listener;
  /** Guarded by the lock: the listener once held weakly, or null. */
  private WeakReference<ResponseListener> weakListener;

  ClientSideTransaction(
      LayerContext context, EncodedMessage request, Peer destination, ResponseListener listener) {
    super(context, TransactionKey.forClient(requestOf(request)), destination.transport().isReliable());
    this.request = requestOf(request);
    this.encoded = request;
    this.destination = destination;
    this.listener = listener;
  }

  private static Request requestOf(EncodedMessage encoded) {
    if (!(encoded.source().orElse(null) instanceof Request request)) {
      throw new IllegalArgumentException("an encoded request must come with its message");
    }
    return request;
  }

  /** Starts the machine: enters the table and sends. */
  final void launch() {
    handle(this::start);
  }

  /**
   * The initial state's entry actions, beginning with {@link #register}. Under the lock, so the
   * send (an effect) happens after: a response can only match what is already in the table.
   */
  abstract void start();

  /** Enters the table. Under the lock. */
  final void register() {
    context.table().addClient(this);
  }

  /** A response from {@code from} matched this transaction (§17.1.3). */
  final void onResponse(Response response, Peer from) {
    handle(() -> received(response, from));
  }

  /** Under the lock. */
  abstract void received(Response response, Peer from);

  /**
   * Queues a report to the listener. Under the lock. Once the listener was released, or held
   * weakly and collected, a 2xx goes to the TU as a stray response and anything else is dropped.
   */
  final void report(Consumer<ResponseListener> event) {
    ResponseListener target = listener();
    if (target != null) {
      later(() -> event.accept(target));
    }
  }

  /** As {@link #report}, for a response that reaches the TU as stray when nobody listens. */
  final void reportResponse(Response response, Peer from) {
    ResponseListener target = listener();
    if (target != null) {
      later(() -> target.onResponse(response));
    } else {
      later(() -> context.user().onStrayResponse(response, from));
    }
  }

  private ResponseListener listener() {
    if (listener != null) {
      return listener;
    }
    return weakListener == null ? null : weakListener.get();
  }

  /** Queues sending the request (again) to its destination. Under the lock. */
  final void sendRequest() {
    EncodedMessage bytes = encoded;
    if (bytes != null) {
      send(bytes, destination);
      encoded = bytes.withoutSource();
    }
  }

  /**
   * The outcome is known: the request's bytes and the parsed request are no longer needed. Under
   * the lock.
   */
  final void forgetRequest() {
    request = null;
    encoded = null;
  }

  /** No callback can follow any more. Under the lock, after the last {@link #report}. */
  final void releaseListener() {
    listener = null;
    weakListener = null;
  }

  /** Only 2xx reports can follow, which only a TU that keeps the listener still wants. */
  final void holdListenerWeakly() {
    if (listener != null) {
      weakListener = new WeakReference<>(listener);
      listener = null;
    }
  }

  /** The request, for building a CANCEL or ACK of it, or null once forgotten. */
  final Request requestIfKnown() {
    return request;
  }

  @Override
  final void unregister() {
    context.table().removeClient(this);
  }

  @Override
  public final Request request() {
    Request current = request;
    if (current == null) {
      throw new IllegalStateException(key + " has its outcome and forgot its request");
    }
    return current;
  }

  @Override
  public final Peer destination() {
    return destination;
  }
}
