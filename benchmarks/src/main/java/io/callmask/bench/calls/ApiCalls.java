package io.callmask.bench.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * The benchmarks' JSON calls to a callmask HTTP API with its bearer token: a non-2xx answer is an
 * {@link IOException} naming the path. Thread-safe; the client's work runs on the given executor
 * (the caller owns it and shuts it down, so the JVM can exit).
 */
final class ApiCalls {

  private static final ObjectMapper JSON = new ObjectMapper();

  final HttpClient http;
  final URI api;
  final String token;

  ApiCalls(String api, String token, Executor executor) {
    this.http = HttpClient.newBuilder().executor(executor).build();
    this.api = URI.create(api);
    this.token = token;
  }

  /** A request to {@code path} carrying the token. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + token);
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return answer(path, http.send(request(path).GET().build(), BodyHandlers.ofByteArray()));
  }

  JsonNode post(String path, Object body) throws IOException, InterruptedException {
    HttpRequest request = request(path)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
        .build();
    return answer(path, http.send(request, BodyHandlers.ofByteArray()));
  }

  private static JsonNode answer(String path, HttpResponse<byte[]> response) throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(path + " answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(response.body());
  }
}
