package io.callmask.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.server.call.TrunkProbeSettings;
import io.callmask.server.masking.AllocationStrategy;
import io.callmask.sip.message.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.io.Reader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final Path SHIPPED = Path.of("..", "config", "callmask.properties");

  @Test
  void shippedFileLoadsToTheContractDefaults() {
    ServerConfig config = ConfigLoader.load(SHIPPED);

    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.store().url()).isEqualTo("jdbc:h2:file:./data/callmask");
    assertThat(config.sip().udp()).contains(new HostPort("127.0.0.1", 5060));
    assertThat(config.sip().tcp()).contains(new HostPort("127.0.0.1", 5060));
    assertThat(config.sip().advertisedHost()).isEqualTo("127.0.0.1");
    assertThat(config.httpListen()).isEqualTo(new HostPort("127.0.0.1", 8080));
    assertThat(config.apiToken()).isEmpty();
    assertThat(config.allocationStrategy()).isEqualTo(AllocationStrategy.TWO_POOL);
    assertThat(config.recycleQuarantine()).isEqualTo(Duration.ofDays(30));
    assertThat(config.failoverTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.clickToCallAfterFailures()).isEqualTo(2);
    assertThat(config.defaultCountry()).isEqualTo("IN");
    assertThat(config.webhook().url()).isEmpty();
    assertThat(config.trunkProbe()).isEqualTo(TrunkProbeSettings.DEFAULTS);
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.sip().overloadLag()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.backgroundNice()).isEqualTo(10);
  }

  @Test
  void backgroundThreadsNiceStepsAreZeroToNineteen() {
    assertThat(ConfigLoader.fromMap(Map.of("threads.background-nice", "0")).backgroundNice())
        .isZero();
    assertThat(ConfigLoader.fromMap(Map.of("threads.background-nice", "19")).backgroundNice())
        .isEqualTo(19);
    assertRejected("threads.background-nice", "20",
        "threads.background-nice = '20': must be from 0 to 19");
    assertRejected("threads.background-nice", "-1",
        "threads.background-nice = '-1': must be from 0 to 19");
    assertRejected("threads.background-nice", "low",
        "threads.background-nice = 'low': expected a whole number");
  }

  @Test
  void overloadControlIsTunedOrTurnedOffWithZero() {
    assertThat(ConfigLoader.fromMap(Map.of("sip.overload-lag", "PT0.05S")).sip().overloadLag())
        .isEqualTo(Duration.ofMillis(50));
    assertThat(ConfigLoader.fromMap(Map.of("sip.overload-lag", "PT0S")).sip().overloadLag())
        .isZero();
    assertRejected("sip.overload-lag", "-PT1S", "sip.overload-lag = '-PT1S': must not be negative");
  }

  @Test
  void trunkProbingIsTunedOrTurnedOffWithZero() {
    TrunkProbeSettings fast = ConfigLoader.fromMap(Map.of("trunk.probe-interval", "PT0.5S",
        "trunk.probe-timeout", "PT0.2S", "trunk.probe-failures", "3")).trunkProbe();
    TrunkProbeSettings off =
        ConfigLoader.fromMap(Map.of("trunk.probe-interval", "PT0S")).trunkProbe();

    assertThat(fast).isEqualTo(
        new TrunkProbeSettings(Duration.ofMillis(500), Duration.ofMillis(200), 3));
    assertThat(fast.enabled()).isTrue();
    assertThat(off.enabled()).isFalse();
  }

  @Test
  void badTrunkProbeValuesAreRejectedNamingKeyAndValue() {
    assertRejected("trunk.probe-interval", "-PT1S", "trunk.probe-interval = '-PT1S': must not be negative");
    assertRejected("trunk.probe-interval", "often", "trunk.probe-interval = 'often': expected an ISO-8601");
    assertRejected("trunk.probe-timeout", "PT0S", "trunk.probe-timeout = 'PT0S': must be positive");
    assertRejected("trunk.probe-failures", "0", "trunk.probe-failures = '0': must be at least 1");
  }

  @Test
  void shippedFileDocumentsEveryKnownKeyAndNoOther() throws IOException {
    Properties shipped = new Properties();
    try (Reader reader = Files.newBufferedReader(SHIPPED)) {
      shipped.load(reader);
    }
    assertThat(shipped.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(ConfigLoader.knownKeys());
    for (String key : ConfigLoader.knownKeys()) {
      assertThat(shipped.getProperty(key)).as(key).isEqualTo(ConfigLoader.DEFAULTS.get(key));
    }
  }

  @Test
  void dataDirIsSubstitutedIntoOtherValues() {
    ServerConfig config = ConfigLoader.fromMap(Map.of("data.dir", "/var/lib/callmask"));

    assertThat(config.store().url()).isEqualTo("jdbc:h2:file:/var/lib/callmask/callmask");
  }

  @Test
  void emptyTransportIsDisabledButNotBoth() {
    assertThat(ConfigLoader.fromMap(Map.of("sip.tcp", "")).sip().tcp()).isEmpty();
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("sip.tcp", "", "sip.udp", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sip.udp and sip.tcp");
  }

  @Test
  void badValuesAreRejectedNamingKeyAndValue() {
    assertRejected("sip.udp", "localhost", "sip.udp = 'localhost'");
    assertRejected("http.listen", "127.0.0.1:99999", "port out of range");
    assertRejected("allocation.strategy", "round-robin", "two-pool, single-pool or dedicated");
    assertRejected("recycle.quarantine", "30 days", "ISO-8601 duration");
    assertRejected("failover.timeout", "PT0S", "must be positive");
    assertRejected("shutdown.timeout", "soon", "ISO-8601 duration");
    assertRejected("click-to-call.after-failures", "0", "must be at least 1");
    assertRejected("click-to-call.after-failures", "two", "whole number");
    assertRejected("numbers.default-country", "India", "two-letter country");
    assertRejected("webhook.url", "ftp://example.com/x", "http(s) URL");
    assertRejected("sip.t2", "PT0.1S", "T1 <= T2");
    assertRejected("sip.max-message-bytes", "100", "at least 512");
  }

  @Test
  void unknownKeyIsAnError() {
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("sip.upd", "127.0.0.1:5060")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown configuration key 'sip.upd'");
  }

  @Test
  void unreadableFileIsAnErrorNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void secretsAreNotPrinted() {
    ServerConfig config =
        ConfigLoader.fromMap(Map.of("store.password", "hunter2", "webhook.secret", "s3cret", "api.token", "tok3n"));
    assertThat(config.toString())
        .doesNotContain("hunter2")
        .doesNotContain("s3cret")
        .doesNotContain("tok3n");
  }

  private static void assertRejected(String key, String value, String expected) {
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of(key, value)))
        .as(key + "=" + value)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
