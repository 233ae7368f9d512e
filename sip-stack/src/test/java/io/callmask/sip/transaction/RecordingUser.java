package io.callmask.sip.transaction;

import io.callmask.sip.message.Peer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** A {@link TransactionUser} that records every callback and can answer requests as they come. */
final class RecordingUser implements TransactionUser {

  final List<ServerTransaction> requests = new CopyOnWriteArrayList<>();
  final List<ServerTransaction> cancelled = new CopyOnWriteArrayList<>();
  final List<Request> cancels = new CopyOnWriteArrayList<>();
  final List<Request> acks = new CopyOnWriteArrayList<>();
  final List<Response> strays = new CopyOnWriteArrayList<>();
  final List<ServerTransaction> ackTimeouts = new CopyOnWriteArrayList<>();
  /** The INVITEs the layer offered to {@link #refuseStatelessly}. */
  final List<Request> offered = new CopyOnWriteArrayList<>();
  private volatile Consumer<ServerTransaction> answer = transaction -> { };
  private volatile Function<Request, Response> refusal = invite -> null;

  /** From now on, {@code answer} runs on each new request, on the thread that delivered it. */
  void answerWith(Consumer<ServerTransaction> answer) {
    this.answer = answer;
  }

  /** From now on, new INVITEs get {@code refusal}'s response statelessly (none when it is null). */
  void refuseWith(Function<Request, Response> refusal) {
    this.refusal = refusal;
  }

  @Override
  public Response refuseStatelessly(Request invite, Peer from) {
    offered.add(invite);
    return refusal.apply(invite);
  }

  @Override
  public void onRequest(ServerTransaction transaction) {
    requests.add(transaction);
    answer.accept(transaction);
  }

  @Override
  public void onCancel(ServerTransaction invite, Request cancel) {
    cancelled.add(invite);
    cancels.add(cancel);
  }

  @Override
  public void onAck(Request ack, Peer from) {
    acks.add(ack);
  }

  @Override
  public void onStrayResponse(Response response, Peer from) {
    strays.add(response);
  }

  @Override
  public void onAckTimeout(ServerTransaction invite) {
    ackTimeouts.add(invite);
  }

  ServerTransaction onlyRequest() {
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, got " + requests.size());
    }
    return requests.get(0);
  }
}
