package io.callmask.server.masking;

import java.util.Locale;

/** One of the two parties of a masking session. */
public enum Side {
  CUSTOMER,
  PARTNER;

  /** The side across the session: whom a call from this side reaches. */
  public Side other() {
    return this == CUSTOMER ? PARTNER : CUSTOMER;
  }

  /** The spelling used in the API, the CLI and the store, e.g. {@code customer}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@link #configName()}; throws IllegalArgumentException naming the choices. */
  public static Side fromConfigName(String text) {
    for (Side side : values()) {
      if (side.configName().equals(text.trim())) {
        return side;
      }
    }
    throw new IllegalArgumentException("expected customer or partner");
  }
}
