package io.callmask.server.events;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs pending events from the outbox to {@code webhook.url} (CONTRACT §7): signed, at least
 * once, in sequence order per session (only the lowest pending event of a session is ever sent,
 * so the next waits until it is delivered or dead), retried per the {@link BackoffPolicy}.
 *
 * <p>One poller thread finds due events and claims them in the store (so several servers on
 * one store do not send the same attempt); {@code senders} threads POST them with connect and
 * answer timeouts. Everything the deliverer knows is in the outbox, so after a restart it simply
 * carries on. Thread-safe; {@link #start} and {@link #close} are called once each.
 */
public final class WebhookDeliverer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);
  private static final int MAX_ERROR_LENGTH = 500;
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);

  private final EventOutbox outbox;
  private final URI url;
  private final WebhookSigner signer;
  private final DeliverySettings settings;
  private final Clock clock;
  private final RandomGenerator random;
  private final HttpClient http;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("webhook-poll", true));
  private final ExecutorService senders;
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Claimed events whose attempt has not reported back, released again on close. */
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();

  /**
   * @param random draws the backoff jitter (synchronised here, so any generator will do)
   */
  public WebhookDeliverer(EventOutbox outbox, URI url, String secret, DeliverySettings settings,
      Clock clock, RandomGenerator random) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.url = Objects.requireNonNull(url, "url");
    this.signer = new WebhookSigner(secret);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.senders = Executors.newFixedThreadPool(settings.senders(),
        new DefaultThreadFactory("webhook-send", true));
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Starts looking for due events every {@code pollInterval}, and at once. */
  public void start() {
    long every = settings.pollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.MILLISECONDS);
    LOG.info("delivering events to {}", url);
  }

  /** Looks for due events soon, e.g. because one was just recorded. Never blocks. */
  public void wake() {
    try {
      poller.execute(this::poll);
    } catch (RejectedExecutionException e) {
      // Closing: what is left is delivered after the next start.
    }
  }

  /**
   * Stops polling and sending: an attempt still waiting for the marketplace after a moment is
   * interrupted and counts for nothing (the receiver may have it: at least once allows that), so
   * a slow marketplace never holds up a shutdown. Claimed events whose attempt did not report
   * back are made due again, so the next start sends them without waiting for the claim to lapse.
   */
  @Override
  public void close() {
    poller.shutdownNow();
    senders.shutdown();
    try {
      if (!senders.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        senders.shutdownNow();
        senders.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      senders.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (String id : List.copyOf(claimed)) {
      claimed.remove(id);
      try {
        outbox.release(id, clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("could not release event {}; it is retried after its claim lapses", id, e);
      }
    }
  }

  private void poll() {
    try {
      int free = settings.senders() - inFlight.get();
      if (free <= 0) {
        return;
      }
      Instant now = clock.instant();
      List<OutboxEvent> due = outbox.dueHeads(now, free);
      for (OutboxEvent event : due) {
        if (outbox.claim(event.id(), now, now.plus(settings.claimLease()))) {
          claimed.add(event.id());
          inFlight.incrementAndGet();
          try {
            senders.execute(() -> attempt(event));
          } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            return;
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("looking for due events failed; trying again in {}", settings.pollInterval(), e);
    }
  }

  private void attempt(OutboxEvent event) {
    try {
      String failure = post(event);
      Instant now = clock.instant();
      if (failure == null) {
        outbox.delivered(event.id(), now);
      } else {
        int attempts = event.attempts() + 1;
        boolean dead = settings.backoff().isExhausted(attempts);
        Instant next = dead ? now : now.plus(delayAfter(attempts));
        outbox.failed(event.id(), attempts, dead, next, failure);
        if (dead) {
          LOG.warn("event {} ({}) is dead after {} attempts: {}", event.id(),
              event.type().wireName(), attempts, failure);
        } else {
          LOG.debug("event {} attempt {} failed: {}", event.id(), attempts, failure);
        }
      }
      claimed.remove(event.id());
    } catch (InterruptedException e) {
      // Closing cut the attempt short: it counts for nothing, and close() releases the claim.
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("could not record the outcome of event {}; it is retried after its claim lapses",
          event.id(), e);
    } finally {
      inFlight.decrementAndGet();
      wake();
    }
  }

  /** Sends one attempt; null on a 2xx answer, else why it failed. */
  private String post(OutboxEvent event) throws InterruptedException {
    byte[] body = event.webhookBody();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header(WebhookSigner.HEADER, signer.sign(clock.instant().getEpochSecond(), body))
        .POST(BodyPublishers.ofByteArray(body))
        .build();
    try {
      HttpResponse<Void> response = http.send(request, BodyHandlers.discarding());
      int status = response.statusCode();
      return status >= 200 && status < 300 ? null : "HTTP " + status;
    } catch (IOException e) {
      return truncate(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Duration delayAfter(int attempts) {
    synchronized (random) {
      return settings.backoff().delayAfter(attempts, random);
    }
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }
}
