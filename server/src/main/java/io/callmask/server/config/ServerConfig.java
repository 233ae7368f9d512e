package io.callmask.server.config;

import io.callmask.server.call.TrunkProbeSettings;
import io.callmask.server.masking.AllocationStrategy;
import io.callmask.sip.message.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the server reads from its configuration file (CONTRACT §2), validated by {@link
 * ConfigLoader}. Immutable.
 */
public record ServerConfig(
    Path dataDir,
    StoreSettings store,
    SipSettings sip,
    HostPort httpListen,
    Optional<String> apiToken,
    AllocationStrategy allocationStrategy,
    Duration recycleQuarantine,
    Duration failoverTimeout,
    int clickToCallAfterFailures,
    Duration clickToCallRingTimeout,
    String defaultCountry,
    WebhookSettings webhook,
    TrunkProbeSettings trunkProbe,
    Duration shutdownTimeout,
    int healthAfterFailures,
    double poolLowThreshold,
    Duration callRetention,
    Duration eventRetention,
    int backgroundNice) {

  /** Like the record's own, but the API token never reaches a log. */
  @Override
  public String toString() {
    return "ServerConfig[dataDir=" + dataDir + ", store=" + store + ", sip=" + sip
        + ", httpListen=" + httpListen + ", apiToken=" + apiToken.map(t -> "***").orElse("generated")
        + ", allocationStrategy=" + allocationStrategy.configName()
        + ", recycleQuarantine=" + recycleQuarantine + ", failoverTimeout=" + failoverTimeout
        + ", clickToCallAfterFailures=" + clickToCallAfterFailures
        + ", clickToCallRingTimeout=" + clickToCallRingTimeout
        + ", defaultCountry=" + defaultCountry + ", webhook=" + webhook
        + ", trunkProbe=" + trunkProbe
        + ", shutdownTimeout=" + shutdownTimeout + ", healthAfterFailures=" + healthAfterFailures
        + ", poolLowThreshold=" + poolLowThreshold + ", callRetention=" + callRetention
        + ", eventRetention=" + eventRetention + ", backgroundNice=" + backgroundNice + "]";
  }

  /** JDBC location and credentials of the store. */
  public record StoreSettings(String url, String user, String password) {
    @Override
    public String toString() {
      return "StoreSettings[url=" + url + ", user=" + user + ", password=***]";
    }
  }

  /** Where events are POSTed and the key that signs them; empty URL disables delivery. */
  public record WebhookSettings(Optional<String> url, String secret) {
    @Override
    public String toString() {
      return "WebhookSettings[url=" + url + ", secret=***]";
    }
  }
}
