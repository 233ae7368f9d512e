package io.callmask.server.masking;

import java.util.Locale;

/** Whether a proxy number may be handed out and carry calls (CONTRACT §3 numbers health). */
public enum Health {
  HEALTHY,
  UNHEALTHY;

  /** The spelling used in the API, the CLI and the store, e.g. {@code healthy}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@link #configName()}; throws IllegalArgumentException naming the choices. */
  public static Health fromConfigName(String text) {
    for (Health health : values()) {
      if (health.configName().equals(text.trim())) {
        return health;
      }
    }
    throw new IllegalArgumentException("expected healthy or unhealthy");
  }
}
