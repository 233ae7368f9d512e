package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.SippProcess;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A carrier's SIP gateway played by SIPp (Debian's {@code sip-tester}): its built-in UAS scenario
 * with {@code -aa}, which answers every OPTIONS 200, running until {@link #kill killed}. Without
 * SIPp the tests are skipped, except on CI (where {@code CI} is set), where its absence fails them.
 */
final class SippGateway implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/bin/sipp");

  private final Process process;
  private final Path output;
  private final int port;

  private SippGateway(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  static void assumeInstalled() {
    SippProcess.assumeInstalled();
  }

  /** Starts a gateway on 127.0.0.1:{@code port} over {@code transport} (udp or tcp). */
  static SippGateway start(Path workDir, int port, String transport) throws IOException {
    List<String> command = List.of(BINARY.toString(), "-sn", "uas", "-aa",
        "-i", "127.0.0.1", "-p", Integer.toString(port),
        "-t", transport.equals("tcp") ? "t1" : "u1",
        "-nostdin");
    Path output = Files.createTempFile(workDir, "sipp-gateway-", ".log");
    Process process = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    SippGateway gateway = new SippGateway(process, output, port);
    gateway.awaitBound(transport.equals("tcp"));
    return gateway;
  }

  /** Kills SIPp at once (SIGKILL), as a crashed gateway goes silent, and waits for it to end. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("SIPp ended").isTrue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** What SIPp printed, for failure messages. */
  String log() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** A port free for both UDP and TCP on 127.0.0.1 a moment ago. */
  static int freePort() throws IOException {
    return SippProcess.freePort();
  }

  /** SIPp has no readiness signal: wait until its port is taken. */
  private void awaitBound(boolean tcp) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (isFree(port, tcp)) {
      assertThat(process.isAlive()).as("SIPp running; %s", log()).isTrue();
      assertThat(System.nanoTime() - deadline).as("SIPp bound port %d in 10 s", port).isNegative();
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
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
}
