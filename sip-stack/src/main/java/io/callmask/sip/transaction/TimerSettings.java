package io.callmask.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The base timer values of RFC 3261 §17.1.1.1 and Table 4, from which timers A–K derive.
 *
 * @param t1 round-trip estimate (default 500 ms)
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses (default 4 s)
 * @param t4 maximum time a message stays in the network (default 5 s)
 */
public record TimerSettings(Duration t1, Duration t2, Duration t4) {

  public static final TimerSettings RFC_DEFAULTS =
      new TimerSettings(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

  public TimerSettings {
    Objects.requireNonNull(t1, "t1");
    Objects.requireNonNull(t2, "t2");
    Objects.requireNonNull(t4, "t4");
    if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative()) {
      throw new IllegalArgumentException("need 0 < T1 <= T2 and T4 >= 0, got " + this);
    }
  }
}
