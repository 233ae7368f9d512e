package io.callmask.server.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callmask serve} as an operator runs it: the packaged jar in its own process, stopped by
 * SIGTERM.
 */
class ServeCommandIT {

  private static final Path JAR = Path.of("target", "callmask.jar");

  @Test
  void servesUntilSigtermThenStopsGracefully(@TempDir Path dir) throws Exception {
    int port = freeUdpPort();
    Path config = dir.resolve("callmask.properties");
    Files.writeString(config, String.join("\n",
        "data.dir=" + dir.resolve("data"),
        "sip.udp=127.0.0.1:" + port,
        "sip.tcp=",
        "http.listen=127.0.0.1:0") + "\n");
    Path log = dir.resolve("serve.log");
    Process serve = new ProcessBuilder(List.of(javaBin(), "-jar", JAR.toString(), "serve",
            "--config", config.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      assertThat(optionsAnswer(port, serve)).as("server log:%n%s", readQuietly(log)).startsWith("SIP/2.0 200 ");

      serve.destroy(); // SIGTERM
      assertThat(serve.waitFor(15, TimeUnit.SECONDS)).as("stopped in time").isTrue();
      assertThat(Files.readString(log)).contains("callmask stopped");
    } finally {
      serve.destroyForcibly();
    }
  }

  @Test
  void badConfigurationExitsWithOneLineNamingTheKey(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.properties");
    Files.writeString(config, "failover.timeout=soon\n");
    Process serve = new ProcessBuilder(List.of(javaBin(), "-jar", JAR.toString(), "serve",
            "--config", config.toString()))
        .redirectErrorStream(true)
        .start();
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(serve.getInputStream().readAllBytes(), US_ASCII);

    assertThat(serve.exitValue()).isEqualTo(ExitCodes.USAGE);
    assertThat(output.strip()).isEqualTo(
        "callmask: failover.timeout = 'soon': expected an ISO-8601 duration such as PT2S or P30D");
  }

  /** Polls with OPTIONS until the server answers (it needs a moment to start the JVM). */
  private static String optionsAnswer(int port, Process serve) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(500);
      InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline && serve.isAlive()) {
        byte[] bytes = options(socket.getLocalPort(), port).getBytes(US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, server));
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
          return new String(packet.getData(), 0, packet.getLength(), US_ASCII);
        } catch (SocketTimeoutException notYet) {
          // the JVM is still starting; ask again
        }
      }
      return serve.isAlive() ? "no answer within 30 s" : "server exited " + serve.exitValue();
    }
  }

  private static String options(int from, int to) {
    return "OPTIONS sip:127.0.0.1:" + to + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + from + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:probe@127.0.0.1>;tag=1\r\n"
        + "To: <sip:127.0.0.1>\r\n"
        + "Call-ID: " + UUID.randomUUID() + "\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
