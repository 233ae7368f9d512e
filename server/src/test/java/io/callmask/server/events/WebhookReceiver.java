package io.callmask.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A marketplace's webhook endpoint for tests, on loopback: checks every signature, answers 500
 * to a seeded random share of the deliveries, and keeps, in arrival order, every event it
 * accepted (duplicates included). Thread-safe.
 */
final class WebhookReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final WebhookSigner signer;
  private final Random random;
  private final double failureShare;
  private final ObjectMapper json = new ObjectMapper();
  private final List<JsonNode> accepted = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private int failed;
  private boolean down;
  private CountDownLatch stall;
  private final AtomicInteger stalled = new AtomicInteger();

  /** Starts a receiver that fails {@code failureShare} of deliveries (1.0: every one). */
  WebhookReceiver(String secret, double failureShare, long seed) throws IOException {
    this.signer = new WebhookSigner(secret);
    this.random = new Random(seed);
    this.failureShare = failureShare;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  synchronized List<JsonNode> accepted() {
    return List.copyOf(accepted);
  }

  /** Requests that were not a well-formed, correctly signed JSON POST. */
  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /** While down, every delivery fails with 503, as a marketplace in maintenance would. */
  synchronized void down(boolean down) {
    this.down = down;
  }

  /**
   * From now on, every delivery hangs without an answer until {@link #unstall}, then fails with
   * 500 unrecorded (its sender gave up long before): a marketplace that stopped answering.
   */
  synchronized void stall() {
    stall = new CountDownLatch(1);
  }

  synchronized void unstall() {
    if (stall != null) {
      stall.countDown();
      stall = null;
    }
  }

  /** How many deliveries have hung so far. */
  int stalled() {
    return stalled.get();
  }

  synchronized int failed() {
    return failed;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String signature = exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER);
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    CountDownLatch hang;
    synchronized (this) {
      hang = stall;
    }
    if (hang != null) {
      stalled.incrementAndGet();
      try {
        hang.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
      return;
    }
    int status;
    synchronized (this) {
      if (!exchange.getRequestMethod().equals("POST") || !"application/json".equals(type)
          || !signer.verify(signature, body)) {
        problems.add(exchange.getRequestMethod() + " " + type + " " + signature);
        status = 400;
      } else if (down) {
        failed++;
        status = 503;
      } else if (random.nextDouble() < failureShare) {
        failed++;
        status = 500;
      } else {
        accepted.add(json.readTree(body));
        status = 200;
      }
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    unstall();
    server.stop(0);
    threads.shutdownNow();
  }
}
