package io.callmask.sip.transaction;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sip.message.Response;

/** A {@link ResponseListener} that records what it hears. */
final class RecordingListener implements ResponseListener {

  final List<Response> responses = new CopyOnWriteArrayList<>();
  final List<Throwable> transportErrors = new CopyOnWriteArrayList<>();
  final AtomicInteger timeouts = new AtomicInteger();
  private volatile Consumer<Response> reaction = response -> { };

  /** From now on, {@code reaction} runs after each response is recorded. */
  void reactWith(Consumer<Response> reaction) {
    this.reaction = reaction;
  }

  @Override
  public void onResponse(Response response) {
    responses.add(response);
    reaction.accept(response);
  }

  @Override
  public void onTimeout() {
    timeouts.incrementAndGet();
  }

  @Override
  public void onTransportError(Throwable cause) {
    transportErrors.add(cause);
  }

  List<Integer> statuses() {
    return responses.stream().map(Response::getStatusCode).toList();
  }

  /** Outcomes reported: final responses, timeouts and transport errors. */
  int outcomes() {
    return (int) responses.stream().filter(r -> r.getStatusCode() >= 200).count()
        + timeouts.get() + transportErrors.size();
  }
}
