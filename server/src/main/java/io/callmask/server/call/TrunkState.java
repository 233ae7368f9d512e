package io.callmask.server.call;

import java.util.Locale;

/** What the OPTIONS prober knows of a trunk (shown as {@code status} by {@code GET /v1/trunks}). */
public enum TrunkState {
  /** Its gateway answered the last probe. */
  UP,
  /** Its gateway failed the last {@code trunk.probe-failures} probes in a row: calls skip it. */
  DOWN,
  /** Not probed yet, not failed often enough to tell, or probing is off. */
  UNKNOWN;

  /** The lower-case name the API and CLI show. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
