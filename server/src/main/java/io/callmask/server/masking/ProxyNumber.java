package io.callmask.server.masking;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A number callmask owns on a trunk and hands out as a proxy (CONTRACT §3 {@code numbers add}).
 * Immutable: a change of health or load is a new value from the store.
 *
 * @param number the DID in E.164
 * @param trunk the name of the trunk it belongs to
 * @param region the region whose sessions it may serve, e.g. {@code KA}
 * @param pool which side(s) it may be shown to
 * @param capacity the most live sessions (active or in quarantine) it may serve at once
 * @param health whether it may be handed out
 */
public record ProxyNumber(
    PhoneNumber number, String trunk, String region, Pool pool, int capacity, Health health) {

  /** Capacity of a number added without {@code --capacity}. */
  public static final int DEFAULT_CAPACITY = 1_000;

  private static final Pattern REGION = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  /** Validates every field; errors name the field. */
  public ProxyNumber {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(trunk, "trunk");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(health, "health");
    requireRegion(region);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: must be at least 1");
    }
  }

  /** A healthy number of default capacity. */
  public static ProxyNumber healthy(PhoneNumber number, String trunk, String region, Pool pool) {
    return new ProxyNumber(number, trunk, region, pool, DEFAULT_CAPACITY, Health.HEALTHY);
  }

  /** This number with another health. */
  public ProxyNumber withHealth(Health newHealth) {
    return new ProxyNumber(number, trunk, region, pool, capacity, newHealth);
  }

  /** This number with another capacity. */
  public ProxyNumber withCapacity(int newCapacity) {
    return new ProxyNumber(number, trunk, region, pool, newCapacity, health);
  }

  /** Checks a region code: 1 to 32 letters, digits, '.', '_', '-'. */
  public static String requireRegion(String region) {
    if (region == null || !REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("region: 1 to 32 of letters, digits, '.', '_', '-'");
    }
    return region;
  }
}
