package io.callmask.server.calls;

import java.util.Locale;

/** How a call came about: a party dialed its proxy, or the marketplace asked for click-to-call. */
public enum CallKind {
  FORWARDED,
  CLICK_TO_CALL;

  /** The spelling used in the API and the store, e.g. {@code click_to_call}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
