package io.callmask.server.cli;

import io.callmask.server.config.ApiTokens;
import io.callmask.server.config.ConfigLoader;
import io.callmask.server.config.ServerConfig;
import io.callmask.sip.message.HostPort;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the server is and how to prove who we are: {@code --api} and {@code --token}, else what
 * the server's configuration file says ({@code http.listen}, {@code api.token} or the token file
 * in {@code data.dir}), so that on the server's machine no option is needed.
 */
final class ClientOptions {

  @Option(names = "--api", paramLabel = "URL",
      description = "API base URL (default: from the configuration's http.listen).")
  URI api;

  @Option(names = "--token", paramLabel = "T",
      description = "API token (default: api.token, or the server's data.dir/api-token).")
  String token;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/callmask.properties",
      description = "Server configuration to read defaults from (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--json", description = "Print the server's JSON instead of a table.")
  boolean json;

  ApiClient client() {
    ServerConfig server = Files.exists(config)
        ? ConfigLoader.load(config)
        : ConfigLoader.fromMap(Map.of());
    URI base = api != null ? api : URI.create("http://" + reachable(server.httpListen()) + "/");
    String bearer = token != null ? token : ApiTokens.find(server).orElseThrow(() ->
        new CliFailure(ExitCodes.USAGE, "no API token: pass --token, set api.token in " + config
            + ", or run where " + server.dataDir().resolve("api-token") + " exists"));
    return new ApiClient(base, bearer);
  }

  /** A wildcard listen address is reached through loopback. */
  private static HostPort reachable(HostPort listen) {
    boolean wildcard = listen.host().equals("0.0.0.0") || listen.host().equals("::");
    return wildcard ? new HostPort("127.0.0.1", listen.port()) : listen;
  }
}
