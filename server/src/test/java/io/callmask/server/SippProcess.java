package io.callmask.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Transport;
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
 * One SIPp process (Debian's {@code sip-tester}) playing a carrier in socket-level tests: a
 * scenario from {@code src/test/resources/sipp/} or {@code scripts/sipp/} (both on the test class
 * path under {@code /sipp/}), its keys ({@code -key name value}), its own
 * loopback port, the messages it sent and received kept in a file ({@code -trace_msg}) so a test
 * can check what a carrier saw. Without SIPp the tests are skipped, except on CI ({@code CI}
 * set), where its absence fails them. Close it after use.
 */
public final class SippProcess implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/bin/sipp");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final Path output;
  private final Path messages;
  private final List<String> command;
  private final int port;
  private final Transport transport;

  private SippProcess(Builder builder, Process process, Path output, Path messages,
      List<String> command) {
    this.process = process;
    this.output = output;
    this.messages = messages;
    this.command = command;
    this.port = builder.port;
    this.transport = builder.transport;
  }

  /** Skips the calling test when SIPp is missing (fails it on CI). */
  public static void assumeInstalled() {
    if (System.getenv("CI") != null) {
      assertThat(Files.isExecutable(BINARY)).as("SIPp at " + BINARY + " on CI").isTrue();
    }
    Assumptions.assumeTrue(Files.isExecutable(BINARY), "SIPp is not installed at " + BINARY);
  }

  /** A SIPp run of {@code scenario} (a file under {@code /sipp/} on the test class path). */
  public static Builder scenario(String scenario) {
    return new Builder(scenario);
  }

  /** A port free for both UDP and TCP on 127.0.0.1 a moment ago. */
  public static int freePort() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int candidate;
      try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        candidate = udp.getLocalPort();
      }
      if (isFree(candidate, true)) {
        return candidate;
      }
    }
    throw new IOException("no free port");
  }

  /** The address this SIPp listens on, for a trunk's gateway. */
  public HostPort address() {
    return new HostPort("127.0.0.1", port);
  }

  /**
   * Waits until SIPp has bound its port, so the first request sent to it is neither lost nor
   * refused (SIPp has no other readiness signal).
   */
  public SippProcess awaitBound() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (isFree(port, transport == Transport.TCP)) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        fail("SIPp did not bind port " + port + ": " + describe());
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    return this;
  }

  /** Waits for SIPp to finish and asserts that every call of its scenario succeeded. */
  public void assertSucceeded(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      fail("SIPp did not finish within " + timeout + ": " + describe());
    }
    assertThat(process.exitValue()).as("SIPp exit code; " + describe() + "\nmessages:\n"
        + messages()).isZero();
  }

  /** Every message SIPp sent and received so far, as text. */
  public String messages() throws IOException {
    return Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
  }

  /** Every message SIPp sent and received so far, read into messages. */
  public CarrierTrace trace() throws IOException {
    return CarrierTrace.parse(messages());
  }

  /** Ends SIPp if it is still running, e.g. after a failed assertion. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /** What SIPp printed (its final statistics screen included), for load runs. */
  public String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  private String describe() throws IOException {
    return String.join(" ", command) + "\n" + Files.readString(output, StandardCharsets.UTF_8);
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

  /** What SIPp is told; {@link #start} runs it. */
  public static final class Builder {

    private final String scenario;
    private final List<String> extra = new ArrayList<>();
    private Transport transport = Transport.UDP;
    private int port;
    private HostPort remote;
    private int calls = 1;
    private Duration timeout = Duration.ofSeconds(20);
    private boolean messageLog = true;
    private List<String> injection = List.of();

    private Builder(String scenario) {
      this.scenario = scenario;
    }

    public Builder transport(Transport value) {
      this.transport = value;
      return this;
    }

    /** The local port; a free one when not set. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** Where a caller scenario sends its INVITEs. */
    public Builder remote(HostPort value) {
      this.remote = value;
      return this;
    }

    /** A scenario keyword, {@code [name]} in the XML. */
    public Builder key(String name, String value) {
      extra.addAll(List.of("-key", name, value));
      return this;
    }

    /** The Request-URI user ({@code [service]}), e.g. the dialed proxy number. */
    public Builder service(String value) {
      extra.addAll(List.of("-s", value));
      return this;
    }

    /** How many calls before SIPp exits (default 1). */
    public Builder calls(int value) {
      this.calls = value;
      return this;
    }

    /** SIPp's own global timeout, after which it fails (default 20 s). */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** No {@code -trace_msg} log: for load runs, where it would be huge and slow SIPp down. */
    public Builder withoutMessageLog() {
      this.messageLog = false;
      return this;
    }

    /**
     * An injection file ({@code -inf}) of these lines, e.g. {@code SEQUENTIAL} then one
     * {@code field0;field1} line per call, written into the work directory at start.
     */
    public Builder injection(String... lines) {
      this.injection = List.of(lines);
      return this;
    }

    /** Further SIPp arguments, e.g. {@code -r 100} for a call rate. */
    public Builder arguments(String... arguments) {
      extra.addAll(List.of(arguments));
      return this;
    }

    public SippProcess start(Path workDir) throws IOException {
      if (port == 0) {
        port = freePort();
      }
      Path messages = Files.createTempFile(workDir, "sipp-messages-", ".log");
      List<String> command = new ArrayList<>(List.of(BINARY.toString(),
          "-sf", scenarioPath(scenario).toString(),
          "-i", "127.0.0.1",
          "-p", Integer.toString(port),
          "-t", transport == Transport.UDP ? "u1" : "t1",
          "-m", Integer.toString(calls),
          "-timeout", timeout.toSeconds() + "s",
          "-timeout_error",
          "-nostdin"));
      if (messageLog) {
        command.addAll(List.of("-trace_msg", "-message_file", messages.toString()));
      }
      if (!injection.isEmpty()) {
        Path file = Files.createTempFile(workDir, "sipp-injection-", ".csv");
        Files.write(file, injection, StandardCharsets.UTF_8);
        command.addAll(List.of("-inf", file.toString()));
      }
      command.addAll(extra);
      if (remote != null) {
        command.add(remote.toString());
      }
      Path output = Files.createTempFile(workDir, "sipp-", ".out");
      Process process = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      return new SippProcess(this, process, output, messages, command);
    }

    private static Path scenarioPath(String scenario) {
      URL resource = SippProcess.class.getResource("/sipp/" + scenario);
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
}
