package io.callmask.sip.transaction;

import io.callmask.sip.message.Peer;
import java.util.function.Consumer;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What the INVITE and non-INVITE client machines share: the request, where it goes, and the
 * listener that hears the outcome. Thread-safety as for {@link Transaction}.
 */
abstract class ClientSideTransaction extends Transaction implements ClientTransaction {

  final Request request;
  final Peer destination;
  private final ResponseListener listener;

  ClientSideTransaction(
      LayerContext context, Request request, Peer destination, ResponseListener listener) {
    super(context, TransactionKey.forClient(request), destination.transport().isReliable());
    this.request = request;
    this.destination = destination;
    this.listener = listener;
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

  /** A response matched this transaction (§17.1.3). */
  final void onResponse(Response response) {
    handle(() -> received(response));
  }

  /** Under the lock. */
  abstract void received(Response response);

  /** Queues a report to the listener. Under the lock. */
  final void report(Consumer<ResponseListener> event) {
    later(() -> event.accept(listener));
  }

  /** Queues sending the request (again) to its destination. Under the lock. */
  final void sendRequest() {
    send(request, destination);
  }

  @Override
  final void unregister() {
    context.table().removeClient(this);
  }

  @Override
  public final Request request() {
    return request;
  }

  @Override
  public final Peer destination() {
    return destination;
  }
}
