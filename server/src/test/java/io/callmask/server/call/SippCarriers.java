package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.MaskingTestbed;
import io.callmask.server.SippProcess;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * callmask between SIPp carriers, for the socket-level call tests: a running server (see {@link
 * MaskingTestbed}), the caller's carrier on trunk {@code carrier-a}, and two callee-side trunks
 * {@code t1} and {@code t2} whose gateways are ports where the tests start SIPp callee carriers.
 * Each pool has one proxy number on each of {@code t1} and {@code t2}, so every session's proxy
 * and backup proxy are on different trunks. Close it after use.
 */
final class SippCarriers implements AutoCloseable {

  static final String CUSTOMER = "+919845011111";
  static final String PARTNER = "+919887654321";
  /** Long enough for a call on a busy 2-core machine, short enough to fail fast. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final Transport transport;
  private final MaskingTestbed testbed;
  private final int callerPort;
  private final Map<String, Integer> trunkPorts;

  /** A provisioned server whose trunks all use {@code transport}, with {@code overrides}. */
  SippCarriers(Path dir, Transport transport, Map<String, String> overrides) throws IOException {
    this.dir = dir;
    this.transport = transport;
    this.testbed = new MaskingTestbed(dir, overrides);
    this.callerPort = SippProcess.freePort();
    this.trunkPorts = Map.of("t1", SippProcess.freePort(), "t2", SippProcess.freePort());
    testbed.trunk("carrier-a", new HostPort("127.0.0.1", callerPort), transport);
    testbed.trunk("t1", new HostPort("127.0.0.1", trunkPorts.get("t1")), transport);
    testbed.trunk("t2", new HostPort("127.0.0.1", trunkPorts.get("t2")), transport);
    testbed.number("+918040000001", "t1", "customer");
    testbed.number("+918040000002", "t2", "customer");
    testbed.number("+918040000003", "t1", "partner");
    testbed.number("+918040000004", "t2", "partner");
  }

  MaskingTestbed testbed() {
    return testbed;
  }

  /** A new session between {@link #CUSTOMER} and {@link #PARTNER}. */
  MaskedCallPlan session(String from) {
    return MaskedCallPlan.of(testbed.session(CUSTOMER, PARTNER), from);
  }

  /** Where the caller's carrier sends from: nothing of it may reach the callee's carrier. */
  HostPort callerAddress() {
    return new HostPort("127.0.0.1", callerPort);
  }

  /** The gateway of the trunk of proxy number {@code shown}. */
  HostPort gatewayOf(String shown) {
    return new HostPort("127.0.0.1", trunkPorts.get(testbed.trunkOf(shown)));
  }

  /**
   * A callee carrier playing {@code scenario} on the gateway of the trunk of {@code shown}, with
   * the callee's real number as keys {@code callee} and {@code callee_digits}; bound and waiting.
   */
  SippProcess.Builder callee(String scenario, String shown, String callee) {
    return SippProcess.scenario(scenario)
        .transport(transport)
        .port(gatewayOf(shown).port())
        .key("callee", callee)
        .key("callee_digits", callee.substring(1));
  }

  /**
   * The caller's carrier playing {@code scenario}: {@code caller} dials {@code dialed}, with the
   * caller's real number as keys {@code caller} and {@code caller_digits}.
   */
  SippProcess.Builder caller(String scenario, String caller, String dialed) {
    return SippProcess.scenario(scenario)
        .transport(transport)
        .port(callerPort)
        .remote(testbed.sip(transport))
        .service(dialed)
        .key("caller", caller)
        .key("caller_digits", caller.substring(1));
  }

  /**
   * The user-facing {@code scripts/sipp/caller.xml}: {@code caller} dials {@code dialed} once,
   * from an injection file as the carrier guide shows, and hangs up at once when answered.
   */
  SippProcess.Builder scriptedCaller(String caller, String dialed) {
    return SippProcess.scenario("caller.xml")
        .transport(transport)
        .port(callerPort)
        .remote(testbed.sip(transport))
        .injection("SEQUENTIAL", caller + ";" + dialed);
  }

  /** The user-facing {@code scripts/sipp/callee.xml} at the gateway of {@code shown}'s trunk. */
  SippProcess.Builder scriptedCallee(String shown) {
    return SippProcess.scenario("callee.xml")
        .transport(transport)
        .port(gatewayOf(shown).port());
  }

  /** Starts {@code builder} in the test's directory. */
  SippProcess start(SippProcess.Builder builder) throws IOException {
    return builder.start(dir);
  }

  /** Starts a callee-side {@code builder} and waits until it listens. */
  SippProcess listen(SippProcess.Builder builder) throws IOException {
    return builder.start(dir).awaitBound();
  }

  /** The last answer (e.g. a BYE's 200) may still be on its way in when SIPp has exited. */
  void awaitNoLiveCalls() throws Exception {
    awaitTrue(() -> testbed.server().liveCalls() == 0);
    assertThat(testbed.server().liveCalls()).as("live calls").isZero();
  }

  /** Socket-level progress is only observable by looking: polls for up to 10 s. */
  static void awaitTrue(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.call() && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    assertThat(condition.call()).isTrue();
  }

  @Override
  public void close() {
    testbed.close();
  }

  /**
   * One call in a session as the API describes it (CONTRACT §5): {@code from} dials its proxy;
   * the other party must ring showing its own proxy, or on failover its backup proxy.
   */
  record MaskedCallPlan(String session, String caller, String dialed, String callee,
      String shown, String backup) {

    static MaskedCallPlan of(JsonNode session, String from) {
      JsonNode calling = session.get(from);
      JsonNode called = session.get(from.equals("customer") ? "partner" : "customer");
      return new MaskedCallPlan(session.get("id").asText(), calling.get("number").asText(),
          calling.get("proxy").asText(), called.get("number").asText(),
          called.get("proxy").asText(), called.get("backup_proxy").asText());
    }
  }
}
