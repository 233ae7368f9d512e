package io.callmask.sip.transaction;

import java.time.Duration;

/**
 * The transaction timers of RFC 3261 Table 4 (A–K) and RFC 6026 §7 (L, M), each computing its
 * first duration from {@link TimerSettings} and the transport. Reliable transports need no
 * retransmissions (A, E, G are never armed on them) and no absorption time (D, I, J, K are zero,
 * which the machines take as "fire now").
 *
 * <p>In the Accepted state of the INVITE server transaction, timer G also paces the layer's 2xx
 * retransmissions (§13.3.1.4): they follow the same T1-doubling-to-T2 schedule and end with timer L,
 * which, at 64·T1, is exactly the window in which §13.3.1.4 retransmits.
 */
enum SipTimer {
  /** INVITE request retransmit interval, UDP only (§17.1.1.2). */
  A,
  /** INVITE transaction timeout while Calling (§17.1.1.2). */
  B,
  /** INVITE transaction timeout while Proceeding; must exceed 3 minutes (§16.6). */
  C,
  /** Wait time for response retransmits after a non-2xx to an INVITE (§17.1.1.2). */
  D,
  /** Non-INVITE request retransmit interval, UDP only (§17.1.2.2). */
  E,
  /** Non-INVITE transaction timeout (§17.1.2.2). */
  F,
  /** INVITE response retransmit interval, UDP only (§17.2.1). */
  G,
  /** Wait time for the ACK of a non-2xx final response (§17.2.1). */
  H,
  /** Wait time for ACK retransmits (§17.2.1). */
  I,
  /** Wait time for non-INVITE request retransmits (§17.2.2). */
  J,
  /** Wait time for non-INVITE response retransmits (§17.1.2.2). */
  K,
  /** Wait time for INVITE retransmits and 2xx ACKs in the server's Accepted state (RFC 6026). */
  L,
  /** Wait time for 2xx retransmits from other forks in the client's Accepted state (RFC 6026). */
  M;

  private static final int TIMEOUT_FACTOR = 64;
  private static final Duration COMPLETED_INVITE_WAIT = Duration.ofSeconds(32);
  private static final Duration PROCEEDING_TIMEOUT = Duration.ofSeconds(181);

  /**
   * Whether this timer only ends a finished transaction's wait for retransmissions: armed once,
   * for one of the fixed durations, and seldom cancelled, so kept in a {@link LingerTimers} lane
   * rather than on the wheel. H is not one: the ACK nearly always cancels it.
   */
  boolean lingers() {
    return switch (this) {
      case D, I, J, K, L, M -> true;
      default -> false;
    };
  }

  /** The value this timer starts with on a transport of the given reliability. */
  Duration initial(TimerSettings settings, boolean reliable) {
    return switch (this) {
      case A, E, G -> settings.t1();
      case B, F, H, L, M -> timeout(settings);
      case C -> PROCEEDING_TIMEOUT;
      case D -> reliable ? Duration.ZERO : COMPLETED_INVITE_WAIT;
      case I, K -> reliable ? Duration.ZERO : settings.t4();
      case J -> reliable ? Duration.ZERO : timeout(settings);
    };
  }

  /**
   * The interval after {@code previous} for a retransmission timer: A doubles without bound (the
   * INVITE ends with B anyway), E and G double up to T2.
   */
  Duration next(Duration previous, TimerSettings settings) {
    Duration doubled = times(previous, 2);
    return switch (this) {
      case A -> doubled;
      case E, G -> doubled.compareTo(settings.t2()) < 0 ? doubled : settings.t2();
      default -> throw new IllegalStateException("timer " + this + " does not retransmit");
    };
  }

  private static Duration timeout(TimerSettings settings) {
    return times(settings.t1(), TIMEOUT_FACTOR);
  }

  /**
   * {@code duration} times {@code factor} in nanoseconds: {@link Duration#multipliedBy} goes
   * through BigDecimal, a few hundred bytes of garbage per timer armed.
   */
  private static Duration times(Duration duration, long factor) {
    return Duration.ofNanos(Math.multiplyExact(duration.toNanos(), factor));
  }
}
