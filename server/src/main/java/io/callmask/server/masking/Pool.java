package io.callmask.server.masking;

import java.util.Locale;

/** Which sessions a proxy number may serve (CONTRACT §4): a side's own pool, or shared. */
public enum Pool {
  /** Numbers shown to customers under {@code two-pool}. */
  CUSTOMER,
  /** Numbers shown to partners under {@code two-pool}. */
  PARTNER,
  /** Numbers shown to both sides under {@code single-pool} and {@code dedicated}. */
  SHARED;

  /** The spelling used in the API, the CLI and the store, e.g. {@code customer}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@link #configName()}; throws IllegalArgumentException naming the choices. */
  public static Pool fromConfigName(String text) {
    for (Pool pool : values()) {
      if (pool.configName().equals(text.trim())) {
        return pool;
      }
    }
    throw new IllegalArgumentException("expected customer, partner or shared");
  }
}
