package io.callmask.sip.transaction;

import io.callmask.sip.message.Peer;
import io.callmask.sip.transport.ResponseTargets;
import java.util.Objects;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What the INVITE and non-INVITE server machines share: the request, where its responses go, and
 * the last response sent, with which request retransmissions are answered (§17.2.1, §17.2.2).
 * Thread-safety as for {@link Transaction}.
 */
abstract class ServerSideTransaction extends Transaction implements ServerTransaction {

  final Request request;
  final Peer peer;
  /** Where responses go (§18.2.2): computed once from the request's top Via and source. */
  final Peer responseTarget;
  /** The §8.2.2.2 identity this transaction claims in the table, or null for in-dialog requests. */
  final MergedRequestKey mergeKey;
  /** Written under the lock; read by {@link #lastToTag} without it. */
  private volatile Response lastResponse;

  ServerSideTransaction(
      LayerContext context, TransactionKey key, Request request, Peer peer,
      MergedRequestKey mergeKey) {
    super(context, key, peer.transport().isReliable());
    this.request = request;
    this.peer = peer;
    this.responseTarget = ResponseTargets.forVia(TransactionKey.topVia(request), peer);
    this.mergeKey = mergeKey;
  }

  @Override
  public final void respond(Response response) {
    Objects.requireNonNull(response, "response");
    handle(() -> fromTu(response));
  }

  /** A response from the TU. Under the lock. */
  abstract void fromTu(Response response);

  /** The request arrived again (§17.2.3 matched it to this transaction). */
  final void onRetransmission() {
    handle(this::retransmitted);
  }

  /** Under the lock. */
  abstract void retransmitted();

  /** Sends {@code response} and remembers it for retransmissions. Under the lock. */
  final void sendResponse(Response response) {
    lastResponse = response;
    send(response, responseTarget);
  }

  /** Sends the last response again, if there is one. Under the lock. */
  final void resendLastResponse() {
    if (lastResponse != null) {
      send(lastResponse, responseTarget);
    }
  }

  final Response lastResponse() {
    return lastResponse;
  }

  /** The To tag of the last response sent, so a 200 to a CANCEL can carry the same (§9.2). */
  final String lastToTag() {
    Response last = lastResponse;
    return last == null ? null : ((ToHeader) last.getHeader(ToHeader.NAME)).getTag();
  }

  @Override
  void unregister() {
    context.table().removeServer(this);
  }

  @Override
  public final Request request() {
    return request;
  }

  @Override
  public final Peer peer() {
    return peer;
  }
}
