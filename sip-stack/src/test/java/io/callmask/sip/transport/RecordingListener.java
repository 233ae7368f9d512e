package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.MalformedMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link InboundListener} that queues what it gets, for tests to take with a timeout. */
final class RecordingListener implements InboundListener {

  private final BlockingQueue<InboundMessage> messages = new LinkedBlockingQueue<>();
  private final BlockingQueue<MalformedMessage> malformed = new LinkedBlockingQueue<>();

  @Override
  public void onMessage(InboundMessage message) {
    messages.add(message);
  }

  @Override
  public void onMalformed(MalformedMessage message) {
    malformed.add(message);
  }

  /** The next message, failing the test if none arrives within five seconds. */
  InboundMessage next() throws InterruptedException {
    InboundMessage message = messages.poll(5, TimeUnit.SECONDS);
    assertThat(message).as("a message within 5 s").isNotNull();
    return message;
  }

  MalformedMessage nextMalformed() throws InterruptedException {
    MalformedMessage message = malformed.poll(5, TimeUnit.SECONDS);
    assertThat(message).as("malformed input within 5 s").isNotNull();
    return message;
  }

  boolean hasMessages() {
    return !messages.isEmpty();
  }
}
