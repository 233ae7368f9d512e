package io.callmask.server;

import io.callmask.server.config.ApiTokens;
import io.callmask.server.config.ConfigLoader;
import io.callmask.server.config.ServerConfig;
import io.callmask.server.events.DeliverySettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A whole server for tests: free loopback ports, a private in-memory H2 store, its data directory
 * under {@code dir}, trunk probing off unless {@code trunk.probe-interval} is overridden. Close it
 * after use.
 */
public final class RunningServer implements AutoCloseable {

  private final MaskingServer server;
  private final String token;
  private final ServerConfig config;

  public RunningServer(Path dir, Map<String, String> overrides) {
    this(dir, overrides, DeliverySettings.DEFAULTS);
  }

  /**
   * A server with webhook delivery timed by {@code delivery}; {@code overrides} may point
   * {@code store.url} at a file to start another server on the same store later.
   */
  public RunningServer(Path dir, Map<String, String> overrides, DeliverySettings delivery) {
    Map<String, String> values = new HashMap<>(Map.of(
        "data.dir", dir.toString(),
        "store.url", "jdbc:h2:mem:" + UUID.randomUUID(),
        "http.listen", "127.0.0.1:0",
        "sip.udp", "127.0.0.1:0",
        "sip.tcp", "127.0.0.1:0",
        // tests opt in to probing: a SIPp carrier playing a call scenario must not get OPTIONS
        "trunk.probe-interval", "PT0S"));
    values.putAll(overrides);
    config = ConfigLoader.fromMap(values);
    server = new MaskingServer(config, delivery);
    server.start();
    token = ApiTokens.find(config).orElseThrow();
  }

  public RunningServer(Path dir) {
    this(dir, Map.of());
  }

  public MaskingServer server() {
    return server;
  }

  public String token() {
    return token;
  }

  public String baseUrl() {
    return "http://" + server.httpAddress();
  }

  @Override
  public void close() {
    server.close();
  }
}
