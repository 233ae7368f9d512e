package io.callmask.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.callmask.server.MaskingServer;
import io.callmask.server.config.ConfigLoader;
import io.callmask.server.demo.DemoCarrier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code callmask demo}: starts a server on free loopback ports with a temporary embedded store,
 * and two simulated carriers on the project's own SIP stack; then {@link DemoScript} provisions a
 * pool over the HTTP API, places calls and prints what each party dialed and saw. Everything is
 * removed afterwards. Exits 0 only if every call went as callmask promises.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Show callmask working on this machine: a server, two simulated carriers, "
        + "three masked calls (one failing over). Needs nothing set up; leaves nothing behind.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--verbose", description = "Also show the server's log (on stderr).")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!verbose) {
      // The transcript is the demo's output; the server's start-up log would bury it.
      ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dataDir = Files.createTempDirectory("callmask-demo");
    String token = UUID.randomUUID().toString();
    try (DemoCarrier operatorA = new DemoCarrier("operator-a");
        DemoCarrier operatorB = new DemoCarrier("operator-b")) {
      operatorA.start();
      operatorB.start();
      MaskingServer server = new MaskingServer(ConfigLoader.fromMap(Map.of(
          "data.dir", dataDir.toString(),
          "sip.udp", "127.0.0.1:0",
          "sip.tcp", "",
          "http.listen", "127.0.0.1:0",
          "api.token", token,
          "failover.timeout", "PT1S")));
      try {
        server.start();
        out.printf("callmask demo: a server, two carriers and a temporary store, all on loopback%n");
        out.printf("  server: SIP udp %s, HTTP API http://%s, store in %s%n",
            server.udpAddress().orElseThrow(), server.httpAddress(), dataDir);
        out.printf("  carriers: %s at %s, %s at %s%n%n", operatorA.name(), operatorA.address(),
            operatorB.name(), operatorB.address());
        ApiClient api = new ApiClient(URI.create("http://" + server.httpAddress()), token);
        boolean allAsPromised = new DemoScript(api, server.udpAddress().orElseThrow(), out,
            operatorA, operatorB).run();
        out.flush();
        return allAsPromised ? ExitCodes.OK : ExitCodes.FAILED;
      } finally {
        server.close();
      }
    } finally {
      deleteTree(dataDir);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
