package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {

  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 5060);
  private static final InetSocketAddress WILDCARD = new InetSocketAddress("0.0.0.0", 5060);

  @Test
  void advertisesTheListenHostByDefault() {
    TransportSettings settings = TransportSettings.defaults(LOOPBACK, null);

    assertThat(settings.advertisedHostFor(LOOPBACK)).isEqualTo("127.0.0.1");
  }

  @Test
  void advertisesTheConfiguredHost() {
    TransportSettings settings =
        TransportSettings.defaults(WILDCARD, WILDCARD, "sip.example.com");

    assertThat(settings.advertisedHostFor(WILDCARD)).isEqualTo("sip.example.com");
  }

  @Test
  void wildcardListenNeedsAnAdvertisedHost() {
    assertThatThrownBy(() -> TransportSettings.defaults(null, WILDCARD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("advertisedHost");
  }

  @Test
  void advertisedHostCannotBeRemovedFromAWildcardListener() {
    TransportSettings settings = TransportSettings.defaults(WILDCARD, null, "sip.example.com");

    assertThatThrownBy(() -> settings.withAdvertisedHost(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void needsAtLeastOneListenAddress() {
    assertThatThrownBy(() -> TransportSettings.defaults(null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonPositiveTimeoutsAndThreads() {
    TransportSettings settings = TransportSettings.defaults(LOOPBACK, LOOPBACK);

    assertThatThrownBy(() -> settings.withTcpIdleTimeout(Duration.ZERO))
        .hasMessageContaining("tcpIdleTimeout");
    assertThatThrownBy(() -> settings.withWorkerThreads(0)).hasMessageContaining("workerThreads");
    assertThatThrownBy(() -> settings.withShutdownQuietPeriod(Duration.ofMillis(-1)))
        .hasMessageContaining("shutdownQuietPeriod");
  }
}
