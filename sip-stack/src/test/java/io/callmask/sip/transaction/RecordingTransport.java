package io.callmask.sip.transaction;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transport.SipTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * An in-memory {@link SipTransport} that records what is sent and can be told to fail sends.
 * Advertises {@link #SENT_BY} for every transport. Thread-safe.
 */
public final class RecordingTransport implements SipTransport {

  /** The Via sent-by this fake node advertises. */
  public static final HostPort SENT_BY = new HostPort("192.0.2.10", 5060);

  /** One message handed to {@link #send}. */
  public record Sent(Message message, Peer destination) {

    public boolean isRequest() {
      return message instanceof Request;
    }

    public Request request() {
      return (Request) message;
    }

    public Response response() {
      return (Response) message;
    }
  }

  private final List<Sent> sent = new ArrayList<>();
  private volatile Predicate<Sent> failing = s -> false;

  @Override
  public CompletionStage<Void> send(Message message, Peer destination) {
    Sent record = new Sent(message, destination);
    synchronized (sent) {
      sent.add(record);
    }
    if (failing.test(record)) {
      return CompletableFuture.failedFuture(new IOException("simulated transport error"));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public HostPort advertised(Transport transport) {
    return SENT_BY;
  }

  @Override
  public boolean supports(Transport transport) {
    return true;
  }

  /** From now on, sends that match {@code condition} fail (still recorded). */
  public void failWhen(Predicate<Sent> condition) {
    failing = condition;
  }

  /** Every later send fails, or none does. */
  public void failAll(boolean fail) {
    failing = s -> fail;
  }

  /** A snapshot of everything sent so far, oldest first. */
  public List<Sent> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** The requests sent, oldest first. */
  public List<Request> requests() {
    return sent().stream().filter(Sent::isRequest).map(Sent::request).toList();
  }

  /** The responses sent, oldest first. */
  public List<Response> responses() {
    return sent().stream().filter(s -> !s.isRequest()).map(Sent::response).toList();
  }

  /** The status codes of the responses sent, oldest first. */
  public List<Integer> statuses() {
    return responses().stream().map(Response::getStatusCode).toList();
  }

  /** The methods of the requests sent, oldest first. */
  public List<String> methods() {
    return requests().stream().map(Request::getMethod).toList();
  }

  /** The most recent send. */
  public Sent last() {
    synchronized (sent) {
      if (sent.isEmpty()) {
        throw new IllegalStateException("nothing sent");
      }
      return sent.get(sent.size() - 1);
    }
  }

  public int count() {
    synchronized (sent) {
      return sent.size();
    }
  }

  /** Forgets what was sent so far. */
  public void clear() {
    synchronized (sent) {
      sent.clear();
    }
  }
}
