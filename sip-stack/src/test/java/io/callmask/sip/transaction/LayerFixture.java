package io.callmask.sip.transaction;

import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import java.time.Duration;
import javax.sip.message.Message;
import javax.sip.message.Request;

/** A transaction layer on a recording transport, hand-driven timers and a recording TU. */
final class LayerFixture {

  final RecordingTransport transport = new RecordingTransport();
  final ManualTimerService timers = new ManualTimerService();
  final RecordingUser user = new RecordingUser();
  final TransactionLayer layer =
      new TransactionLayer(transport, timers, TimerSettings.RFC_DEFAULTS);

  LayerFixture() {
    layer.bind(user);
  }

  /** {@code message} arrives from the far end over {@code transport}. */
  void receive(Message message, Transport over) {
    layer.onMessage(new InboundMessage(message, TestMessages.peer(over)));
  }

  /** A client transaction toward the far end over {@code transport}. */
  ClientTransaction send(Request request, Transport over, RecordingListener listener) {
    return layer.sendRequest(request, Peer.to(over, TestMessages.REMOTE), listener);
  }

  void advanceMillis(long millis) {
    timers.advance(Duration.ofMillis(millis));
  }

  void advanceSeconds(long seconds) {
    timers.advance(Duration.ofSeconds(seconds));
  }

  /** The layer holds nothing: no transaction, no index entry, no timer. */
  boolean isEmpty() {
    return layer.size() == 0 && layer.indexSize() == 0 && timers.pending() == 0;
  }
}
