package io.callmask.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A running server provisioned through its HTTP API for socket-level call tests: trunks whose
 * gateways are the carriers' SIPp processes, proxy numbers, sessions. Numbers are E.164 strings;
 * everything is in region {@code KA}. Close it after use.
 */
public final class MaskingTestbed implements AutoCloseable {

  public static final String REGION = "KA";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunningServer running;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> trunkOfNumber = new HashMap<>();

  /** A server on free loopback ports and a private in-memory store; see {@link RunningServer}. */
  public MaskingTestbed(Path dir, Map<String, String> overrides) {
    this.running = new RunningServer(dir, overrides);
  }

  public MaskingServer server() {
    return running.server();
  }

  /** Where the server takes SIP over {@code transport}. */
  public HostPort sip(Transport transport) {
    return (transport == Transport.UDP ? server().udpAddress() : server().tcpAddress())
        .orElseThrow();
  }

  /** Registers trunk {@code name} whose carrier gateway is {@code gateway}. */
  public void trunk(String name, HostPort gateway, Transport transport) {
    post("/v1/trunks", "{\"name\":\"" + name + "\",\"gateway\":\"" + gateway + "\",\"transport\":\""
        + transport.name().toLowerCase(Locale.ROOT) + "\"}");
  }

  /** Registers proxy number {@code e164} on {@code trunk} in {@code pool}. */
  public void number(String e164, String trunk, String pool) {
    post("/v1/numbers", "{\"number\":\"" + e164 + "\",\"trunk\":\"" + trunk + "\",\"region\":\""
        + REGION + "\",\"pool\":\"" + pool + "\"}");
    trunkOfNumber.put(e164, trunk);
  }

  /** The trunk a number registered here is on. */
  public String trunkOf(String e164) {
    return trunkOfNumber.get(e164);
  }

  /** Creates a session; returns it as the API shows it (CONTRACT §5). */
  public JsonNode session(String customer, String partner) {
    return post("/v1/sessions", "{\"customer\":\"" + customer + "\",\"partner\":\"" + partner
        + "\",\"region\":\"" + REGION + "\"}");
  }

  /** POSTs {@code body} and returns the parsed answer, which must be a 2xx. */
  public JsonNode post(String path, String body) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create(running.baseUrl() + path))
          .header("Authorization", "Bearer " + running.token())
          .header("Content-Type", "application/json")
          .POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8))
          .build(), BodyHandlers.ofString());
      assertThat(response.statusCode()).as("POST %s %s: %s", path, body, response.body())
          .isBetween(200, 299);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** GETs {@code path} and returns the parsed answer, which must be a 200. */
  public JsonNode get(String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create(running.baseUrl() + path))
          .header("Authorization", "Bearer " + running.token())
          .GET()
          .build(), BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    running.close();
  }
}
