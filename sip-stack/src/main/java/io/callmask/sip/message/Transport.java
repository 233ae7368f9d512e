package io.callmask.sip.message;

import java.util.Locale;

/** The SIP transports callmask speaks (RFC 3261 §18). */
public enum Transport {
  UDP(false),
  TCP(true);

  private final boolean reliable;

  Transport(boolean reliable) {
    this.reliable = reliable;
  }

  /** Reliable transports never retransmit (RFC 3261 §17: timers A, E, G are UDP-only). */
  public boolean isReliable() {
    return reliable;
  }

  /** The token used in a Via header, e.g. {@code UDP}. */
  public String viaToken() {
    return name();
  }

  /** Parses a Via or URI transport token, case-insensitively. */
  public static Transport fromToken(String token) {
    return valueOf(token.trim().toUpperCase(Locale.ROOT));
  }
}
