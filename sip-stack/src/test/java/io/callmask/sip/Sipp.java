package io.callmask.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs SIPp (Debian's {@code sip-tester}) as a subprocess for one call ({@code -m 1}), bounded by
 * its own {@code -timeout} and a process timeout, output kept in a file for failure messages.
 * Without SIPp installed the tests are skipped, except on CI (where {@code CI} is set), where its
 * absence fails them.
 */
final class Sipp {

  private static final Path BINARY = Path.of("/usr/bin/sipp");
  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path output;
  private final List<String> command;

  private Sipp(Process process, Path output, List<String> command) {
    this.process = process;
    this.output = output;
    this.command = command;
  }

  static void assumeInstalled() {
    if (System.getenv("CI") != null) {
      assertThat(Files.isExecutable(BINARY)).as("SIPp at " + BINARY + " on CI").isTrue();
    }
    Assumptions.assumeTrue(Files.isExecutable(BINARY), "SIPp is not installed at " + BINARY);
  }

  /**
   * Starts SIPp with {@code scenario} (a resource under {@code /sipp/}) and {@code extra}
   * arguments, e.g. the transport ({@code -t u1}), the local port or the remote host.
   */
  static Sipp start(Path workDir, String scenario, List<String> extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(),
        "-sf", scenarioPath(scenario).toString(),
        "-i", "127.0.0.1",
        "-s", "callmask",
        "-m", "1",
        "-timeout", "20s",
        "-timeout_error",
        "-nostdin"));
    command.addAll(extra);
    Path output = Files.createTempFile(workDir, "sipp-", ".log");
    Process process = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    return new Sipp(process, output, command);
  }

  /** Waits for SIPp to finish and asserts that its one call succeeded (exit code 0). */
  void assertSucceeded() throws IOException, InterruptedException {
    if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      fail("SIPp did not finish within " + PROCESS_TIMEOUT + ": " + describe());
    }
    assertThat(process.exitValue()).as("SIPp exit code; " + describe()).isZero();
  }

  /** Ends SIPp if it is still running, e.g. after a failed assertion. */
  void destroy() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /**
   * Waits until SIPp has bound {@code port} (UDP or TCP on 127.0.0.1), so that the first request
   * sent to it is not lost or refused: SIPp has no other readiness signal.
   */
  void awaitBound(int port, boolean tcp) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (isFree(port, tcp)) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        fail("SIPp did not bind port " + port + ": " + describe());
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  /** A port free for both UDP and TCP on 127.0.0.1 a moment ago, for SIPp's {@code -p}. */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port;
      try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        port = udp.getLocalPort();
      }
      if (isFree(port, true)) {
        return port;
      }
    }
    throw new IOException("no free port");
  }

  private static boolean isFree(int port, boolean tcp) throws IOException {
    try {
      if (tcp) {
        new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
      } else {
        new DatagramSocket(port, InetAddress.getLoopbackAddress()).close();
      }
      return true;
    } catch (BindException e) {
      return false;
    }
  }

  private String describe() throws IOException {
    return String.join(" ", command) + "\n" + Files.readString(output, StandardCharsets.UTF_8);
  }

  private static Path scenarioPath(String scenario) {
    URL resource = Sipp.class.getResource("/sipp/" + scenario);
    if (resource == null) {
      throw new IllegalArgumentException("no SIPp scenario " + scenario);
    }
    try {
      return Path.of(resource.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad scenario location " + resource, e);
    }
  }
}
