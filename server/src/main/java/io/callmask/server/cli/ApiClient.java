package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.http.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The CLI's way to the server: JSON over the HTTP API with the bearer token. Every failure comes
 * back as a {@link CliFailure} carrying the server's own message, or one saying what to do when no
 * server answers. Not thread-safe in intent, though {@link HttpClient} is.
 */
final class ApiClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int CHUNK = 64 * 1024;

  private final URI base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  JsonNode get(String path) {
    return send(request(path).GET());
  }

  JsonNode post(String path, Object body) {
    return send(request(path)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofByteArray(Json.write(body))));
  }

  JsonNode delete(String path) {
    return send(request(path).DELETE());
  }

  /** The server's answer, error or not. */
  record Reply(int status, JsonNode body) {}

  /**
   * POSTs {@code body} in 64 KiB chunks, telling {@code progress} the bytes handed over so far,
   * and returns the answer whatever its status, for callers that read error details.
   */
  Reply postWithProgress(String path, byte[] body, LongConsumer progress) {
    List<byte[]> chunks = new ArrayList<>();
    for (int from = 0; from < body.length; from += CHUNK) {
      chunks.add(Arrays.copyOfRange(body, from, Math.min(body.length, from + CHUNK)));
    }
    Iterable<byte[]> reporting = () -> new Iterator<>() {
      private int next;
      private long sent;

      @Override
      public boolean hasNext() {
        return next < chunks.size();
      }

      @Override
      public byte[] next() {
        byte[] chunk = chunks.get(next++);
        sent += chunk.length;
        progress.accept(sent);
        return chunk;
      }
    };
    return exchange(request(path)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.fromPublisher(BodyPublishers.ofByteArrays(reporting), body.length)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest.Builder builder) {
    Reply reply = exchange(builder);
    if (reply.status() >= 300) {
      String message = reply.body().hasNonNull("message")
          ? reply.body().get("message").asText()
          : "HTTP " + reply.status();
      throw new CliFailure(ExitCodes.forStatus(reply.status()), message);
    }
    return reply.body();
  }

  private Reply exchange(HttpRequest.Builder builder) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(builder.build(), BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new CliFailure(ExitCodes.UNREACHABLE,
          "no server at " + base + " — start it with `callmask serve`");
    } catch (HttpTimeoutException e) {
      throw new CliFailure(ExitCodes.FAILED,
          "the server at " + base + " did not answer within " + TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.UNREACHABLE, "cannot talk to " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.FAILED, "interrupted");
    }
    return new Reply(response.statusCode(), parse(response.body()));
  }

  private JsonNode parse(byte[] body) {
    try {
      return Json.readTree(body);
    } catch (RuntimeException e) {
      throw new CliFailure(ExitCodes.FAILED, "the server at " + base + " answered no JSON");
    }
  }
}
