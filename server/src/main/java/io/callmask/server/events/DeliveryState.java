package io.callmask.server.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where an event is in its delivery: {@code pending} until the marketplace answered 2xx ({@code
 * delivered}) or every attempt failed ({@code dead}, until an operator requeues it).
 */
public enum DeliveryState {
  PENDING,
  DELIVERED,
  DEAD;

  /** The spelling used in the API and the store, e.g. {@code dead}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@link #configName()}; throws IllegalArgumentException naming the choices. */
  public static DeliveryState fromConfigName(String text) {
    for (DeliveryState state : values()) {
      if (state.configName().equals(text.trim())) {
        return state;
      }
    }
    throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
        .map(DeliveryState::configName).collect(Collectors.joining(", ")));
  }
}
