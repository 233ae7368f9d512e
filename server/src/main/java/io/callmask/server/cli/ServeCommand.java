package io.callmask.server.cli;

import io.callmask.server.MaskingServer;
import io.callmask.server.config.ConfigLoader;
import io.callmask.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callmask serve}: runs the server in the foreground until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the server in the foreground until SIGTERM/SIGINT, then shut down gracefully.")
final class ServeCommand implements Callable<Integer> {

  static final Path DEFAULT_CONFIG = Path.of("config", "callmask.properties");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (default: ${DEFAULT-VALUE} when present, else built-in defaults).",
      defaultValue = "config/callmask.properties")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = loadConfig();
    CountDownLatch stopped = new CountDownLatch(1);
    MaskingServer server = new MaskingServer(config);
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "callmask-shutdown"));
    stopped.await();
    return 0;
  }

  private ServerConfig loadConfig() {
    boolean defaultMissing = configFile.equals(DEFAULT_CONFIG) && !Files.exists(configFile);
    return defaultMissing ? ConfigLoader.fromMap(Map.of()) : ConfigLoader.load(configFile);
  }
}
