package io.callmask.sip.transport;

import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;

/** Bridges Netty's channel futures to the {@code CompletionStage}s the transport API returns. */
final class WriteCompletion {

  private WriteCompletion() {}

  /** Completes when {@code future} succeeds, exceptionally with its cause when it fails. */
  static CompletableFuture<Void> of(ChannelFuture future) {
    CompletableFuture<Void> stage = new CompletableFuture<>();
    future.addListener(done -> {
      if (done.isSuccess()) {
        stage.complete(null);
      } else {
        stage.completeExceptionally(done.cause());
      }
    });
    return stage;
  }
}
