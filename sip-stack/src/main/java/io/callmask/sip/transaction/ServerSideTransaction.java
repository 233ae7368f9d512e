package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.transport.ResponseTargets;
import java.util.Objects;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What the INVITE and non-INVITE server machines share: the request, where its responses go, and
 * the last response sent, with which request retransmissions are answered (§17.2.1, §17.2.2).
 *
 * <p>Once the final response is sent, the transaction only absorbs retransmissions (for up to
 * 64·T1 on UDP): it keeps that response's bytes and its keys (an INVITE also its To tag), and
 * lets the parsed request and responses go, so that a finished call costs no parsed messages
 * while its transactions linger. A machine that will send nothing more lets the bytes go too
 * ({@link #forgetLastResponse}). Thread-safety as for {@link Transaction}.
 */
abstract class ServerSideTransaction extends Transaction implements ServerTransaction {

  final Peer peer;
  /** Where responses go (§18.2.2): computed once from the request's top Via and source. */
  final Peer responseTarget;
  /** The §8.2.2.2 identity this transaction claims in the table, or null for in-dialog requests. */
  final MergedRequestKey mergeKey;
  /** The request until the final response is sent; null after. Written under the lock. */
  private volatile Request request;
  /** Guarded by the lock: the bytes of the last response sent, for retransmissions. */
  private EncodedMessage lastResponse;

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
    respond(EncodedMessage.of(response));
  }

  @Override
  public final void respond(EncodedMessage response) {
    Objects.requireNonNull(response, "response");
    Message source = response.source().orElseThrow(() ->
        new IllegalArgumentException("an encoded response must come with its message"));
    if (!(source instanceof Response parsed)) {
      throw new IllegalArgumentException("not a response: " + source.getClass());
    }
    handle(() -> fromTu(parsed, response));
  }

  /** A response from the TU, with its bytes. Under the lock. */
  abstract void fromTu(Response response, EncodedMessage encoded);

  /** The request arrived again (§17.2.3 matched it to this transaction). */
  final void onRetransmission() {
    handle(this::retransmitted);
  }

  /** Under the lock. */
  abstract void retransmitted();

  /** Sends {@code response} and remembers its bytes for retransmissions. Under the lock. */
  void sendResponse(Response response, EncodedMessage encoded) {
    lastResponse = encoded.withoutSource();
    send(encoded, responseTarget);
  }

  /** Sends the last response again, if there is one. Under the lock. */
  final void resendLastResponse() {
    if (lastResponse != null) {
      send(lastResponse, responseTarget);
    }
  }

  /** Whether a response was sent, until {@link #forgetLastResponse}. Under the lock. */
  final boolean hasResponded() {
    return lastResponse != null;
  }

  /**
   * No retransmission will ever be answered with the last response again: its bytes go, so that
   * a lingering transaction holds only its keys. Under the lock.
   */
  final void forgetLastResponse() {
    lastResponse = null;
  }

  /**
   * The bytes kept to answer retransmissions, 0 once none are: for tests of what lingers, which
   * drive the machine from the calling thread (no lock taken).
   */
  final int keptResponseBytes() {
    EncodedMessage kept = lastResponse;
    return kept == null ? 0 : kept.length();
  }

  /**
   * The final response is sent: from now on only retransmissions are absorbed, which the bytes
   * of the last response answer. Under the lock.
   */
  final void forgetRequest() {
    request = null;
  }

  @Override
  void unregister() {
    context.table().removeServer(this);
  }

  @Override
  public final Request request() {
    Request current = request;
    if (current == null) {
      throw new IllegalStateException(key + " sent its final response and forgot its request");
    }
    return current;
  }

  @Override
  public final Peer peer() {
    return peer;
  }
}
