package io.callmask.server.config;

import io.callmask.server.call.TrunkProbeSettings;
import io.callmask.server.config.ServerConfig.StoreSettings;
import io.callmask.server.config.ServerConfig.WebhookSettings;
import io.callmask.server.masking.AllocationStrategy;
import io.callmask.server.threads.BackgroundPriority;
import io.callmask.sip.codec.CodecLimits;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.transaction.TimerSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a properties file into a {@link ServerConfig}. Unknown keys are errors (a typo must not
 * silently fall back to a default); {@code ${data.dir}} in any value is replaced by the data
 * directory. Every error names the key and the value.
 */
public final class ConfigLoader {

  static final Map<String, String> DEFAULTS = defaults();

  private ConfigLoader() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new TreeMap<>();
    d.put("data.dir", "./data");
    d.put("store.url", "jdbc:h2:file:${data.dir}/callmask");
    d.put("store.user", "");
    d.put("store.password", "");
    d.put("sip.udp", "127.0.0.1:5060");
    d.put("sip.tcp", "127.0.0.1:5060");
    d.put("sip.advertised-host", "");
    d.put("sip.t1", "PT0.5S");
    d.put("sip.t2", "PT4S");
    d.put("sip.t4", "PT5S");
    d.put("sip.max-message-bytes", "65536");
    d.put("sip.tcp-idle-timeout", "PT5M");
    d.put("sip.udp-buffer", "4194304");
    d.put("sip.dialog-probe-interval", "PT5M");
    d.put("sip.overload-lag", "PT0.2S");
    d.put("http.listen", "127.0.0.1:8080");
    d.put("api.token", "");
    d.put("allocation.strategy", "two-pool");
    d.put("recycle.quarantine", "P30D");
    d.put("failover.timeout", "PT2S");
    d.put("click-to-call.after-failures", "2");
    d.put("click-to-call.ring-timeout", "PT30S");
    d.put("numbers.default-country", "IN");
    d.put("webhook.url", "");
    d.put("webhook.secret", "");
    d.put("trunk.probe-interval", "PT10S");
    d.put("trunk.probe-timeout", "PT2S");
    d.put("trunk.probe-failures", "2");
    d.put("shutdown.timeout", "PT30S");
    d.put("health.after-failures", "5");
    d.put("pool.low-threshold", "0.1");
    d.put("calls.retention", "P90D");
    d.put("events.retention", "P30D");
    d.put("threads.background-nice", "10");
    return Map.copyOf(d);
  }

  /** Every key the server understands, for documentation checks. */
  public static Set<String> knownKeys() {
    return DEFAULTS.keySet();
  }

  /** Loads {@code file}; throws ConfigException when it is unreadable or a value is invalid. */
  public static ServerConfig load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
    return fromMap(values);
  }

  /** Builds a configuration from explicit values over the defaults. */
  public static ServerConfig fromMap(Map<String, String> overrides) {
    for (String key : overrides.keySet()) {
      if (!DEFAULTS.containsKey(key)) {
        throw new ConfigException("unknown configuration key '" + key + "'");
      }
    }
    Map<String, String> merged = new TreeMap<>(DEFAULTS);
    merged.putAll(overrides);
    Values v = new Values(merged);
    Path dataDir = v.get("data.dir", Path::of);
    return new ServerConfig(
        dataDir,
        new StoreSettings(v.text("store.url"), v.text("store.user"), v.text("store.password")),
        sipSettings(v),
        v.get("http.listen", HostPort::parse),
        v.optional("api.token"),
        v.get("allocation.strategy", AllocationStrategy::fromConfigName),
        v.positiveDuration("recycle.quarantine"),
        v.positiveDuration("failover.timeout"),
        v.positiveInt("click-to-call.after-failures"),
        v.positiveDuration("click-to-call.ring-timeout"),
        v.get("numbers.default-country", ConfigLoader::country),
        new WebhookSettings(
            v.optional("webhook.url").map(u -> v.get("webhook.url", ConfigLoader::webhookUrl)),
            v.text("webhook.secret")),
        new TrunkProbeSettings(v.nonNegativeDuration("trunk.probe-interval"),
            v.positiveDuration("trunk.probe-timeout"), v.positiveInt("trunk.probe-failures")),
        v.positiveDuration("shutdown.timeout"),
        v.positiveInt("health.after-failures"),
        v.fraction("pool.low-threshold"),
        v.positiveDuration("calls.retention"),
        v.positiveDuration("events.retention"),
        v.intBetween("threads.background-nice", 0, BackgroundPriority.MAX_NICE));
  }

  private static SipSettings sipSettings(Values v) {
    Optional<HostPort> udp = v.optional("sip.udp").map(t -> v.get("sip.udp", HostPort::parse));
    Optional<HostPort> tcp = v.optional("sip.tcp").map(t -> v.get("sip.tcp", HostPort::parse));
    String listenHost = udp.or(() -> tcp).map(HostPort::host).orElse("127.0.0.1");
    TimerSettings timers;
    try {
      timers = new TimerSettings(
          v.positiveDuration("sip.t1"), v.positiveDuration("sip.t2"), v.positiveDuration("sip.t4"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sip.t1, sip.t2, sip.t4: " + e.getMessage());
    }
    return new SipSettings(
        udp,
        tcp,
        v.optional("sip.advertised-host").orElse(listenHost),
        timers,
        v.get("sip.max-message-bytes",
            text -> new CodecLimits(Integer.parseInt(text), CodecLimits.DEFAULTS.maxHeaders())),
        v.positiveDuration("sip.tcp-idle-timeout"),
        v.positiveInt("sip.udp-buffer"),
        v.nonNegativeDuration("sip.dialog-probe-interval"),
        v.nonNegativeDuration("sip.overload-lag"));
  }

  private static String country(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (!upper.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("expected an ISO 3166 two-letter country code");
    }
    return upper;
  }

  private static String webhookUrl(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getReason());
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("expected an http(s) URL");
    }
    return text;
  }

  /** Raw values with ${data.dir} expanded, and typed readers that name the key on failure. */
  private record Values(Map<String, String> raw) {

    String text(String key) {
      String value = raw.get(key);
      return key.equals("data.dir") ? value : value.replace("${data.dir}", raw.get("data.dir"));
    }

    Optional<String> optional(String key) {
      String value = text(key);
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    <T> T get(String key, Function<String, T> parser) {
      String value = text(key);
      try {
        return parser.apply(value);
      } catch (ConfigException e) {
        throw e;
      } catch (RuntimeException e) {
        throw ConfigException.forKey(key, value, e.getMessage());
      }
    }

    Duration positiveDuration(String key) {
      return get(key, text -> {
        Duration d;
        try {
          d = Duration.parse(text);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("expected an ISO-8601 duration such as PT2S or P30D");
        }
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("must be positive");
        }
        return d;
      });
    }

    /** A duration where zero means "off". */
    Duration nonNegativeDuration(String key) {
      return get(key, text -> {
        Duration d;
        try {
          d = Duration.parse(text);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("expected an ISO-8601 duration such as PT10S, or PT0S");
        }
        if (d.isNegative()) {
          throw new IllegalArgumentException("must not be negative (PT0S turns it off)");
        }
        return d;
      });
    }

    /** A share in [0, 1), e.g. 0.1 for a tenth. */
    double fraction(String key) {
      return get(key, text -> {
        double d;
        try {
          d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected a number such as 0.1");
        }
        if (!(d >= 0 && d < 1)) {
          throw new IllegalArgumentException("must be at least 0 and below 1");
        }
        return d;
      });
    }

    int positiveInt(String key) {
      return get(key, text -> {
        int n = wholeNumber(text);
        if (n <= 0) {
          throw new IllegalArgumentException("must be at least 1");
        }
        return n;
      });
    }

    int intBetween(String key, int min, int max) {
      return get(key, text -> {
        int n = wholeNumber(text);
        if (n < min || n > max) {
          throw new IllegalArgumentException("must be from " + min + " to " + max);
        }
        return n;
      });
    }

    private static int wholeNumber(String text) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a whole number");
      }
    }
  }
}
