package io.callmask.sip.transport;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Keeps the sends toward a TCP connection that is still opening in the order they were asked for.
 *
 * <p>The actions waiting on one {@link CompletableFuture} run in no promised order (in practice
 * the last registered first), so chaining each send on the connection's future let messages sent
 * while it opened leave in reverse: a CANCEL ahead of its INVITE. Sends that find the connection
 * opening wait here and are written in order once it is open, before any later send can be.
 * Thread-safe; writes are issued under the lock (they only queue onto the channel's event loop),
 * completions are reported after it.
 */
final class OrderedSends {

  private record Waiting(Object message, CompletableFuture<Void> sent) {}

  /** Sends waiting for each opening connection, in order. Guarded by itself. */
  private final Map<CompletableFuture<Channel>, List<Waiting>> waiting = new HashMap<>();
  private final BiFunction<Channel, Object, CompletableFuture<Void>> write;

  /** @param write writes one message on an open connection */
  OrderedSends(BiFunction<Channel, Object, CompletableFuture<Void>> write) {
    this.write = write;
  }

  /**
   * Writes {@code message} (whatever the connection's pipeline writes: a message or its bytes) on
   * {@code connection} after every earlier send to it.
   */
  CompletableFuture<Void> send(CompletableFuture<Channel> connection, Object message) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    boolean first;
    synchronized (waiting) {
      List<Waiting> queue = waiting.get(connection);
      if (queue == null && connection.isDone()) {
        return connection.thenCompose(channel -> write.apply(channel, message));
      }
      first = queue == null;
      if (first) {
        queue = new ArrayList<>();
        waiting.put(connection, queue);
      }
      queue.add(new Waiting(message, sent));
    }
    if (first) {
      connection.whenComplete((channel, failure) -> release(connection, channel, failure));
    }
    return sent;
  }

  private void release(CompletableFuture<Channel> connection, Channel channel, Throwable failure) {
    List<Waiting> queue;
    List<CompletableFuture<Void>> written = new ArrayList<>();
    synchronized (waiting) {
      queue = waiting.remove(connection);
      if (failure == null) {
        for (Waiting send : queue) {
          written.add(write.apply(channel, send.message()));
        }
      }
    }
    for (int i = 0; i < queue.size(); i++) {
      CompletableFuture<Void> sent = queue.get(i).sent();
      if (failure != null) {
        sent.completeExceptionally(failure);
      } else {
        written.get(i).whenComplete((ok, error) -> {
          if (error != null) {
            sent.completeExceptionally(error);
          } else {
            sent.complete(null);
          }
        });
      }
    }
  }
}
