package io.callmask.server.call;

import java.time.Duration;
import java.util.Objects;

/**
 * The configuration call control reads (CONTRACT §2).
 *
 * @param failoverTimeout no provisional response from the primary attempt within this: the backup
 *     is tried ({@code failover.timeout})
 * @param defaultCountry ISO country for numbers written without {@code +} ({@code
 *     numbers.default-country})
 * @param ringTimeout how long a click-to-call lets each party ring before it gives up ({@code
 *     click-to-call.ring-timeout})
 * @param answerHoldLimit how long a click-to-call may leave the first party's 2xx unacknowledged
 *     while the second party rings (RFC 3725 §4.1's caveat): the first party's UAS stops
 *     retransmitting and hangs up at 64·T1 (RFC 3261 §13.3.1.4), so this must stay below that
 * @param cancelLimit how long an INVITE that callmask cancelled may go without a final response
 *     before it counts as cancelled anyway: 64·T1 (RFC 3261 §9.1). A UAS that answers the CANCEL
 *     but never the INVITE would otherwise keep the call live until timer C, minutes later
 * @param probeInterval how often the legs of an answered call are asked whether their dialogs
 *     still exist ({@link DialogProbes}, {@code sip.dialog-probe-interval}); zero: never
 */
public record CallSettings(Duration failoverTimeout, String defaultCountry, Duration ringTimeout,
    Duration answerHoldLimit, Duration cancelLimit, Duration probeInterval) {

  /** The ring timeout when none is configured. */
  public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);
  /** 60·T1 for the RFC's T1 of 500 ms: 64·T1 less a margin for the first 2xx's way to us. */
  public static final Duration DEFAULT_ANSWER_HOLD_LIMIT = Duration.ofSeconds(30);
  /** 64·T1 for the RFC's T1 of 500 ms. */
  public static final Duration DEFAULT_CANCEL_LIMIT = Duration.ofSeconds(32);
  /** A lost hang-up is noticed within this plus 64·T1; a probe every few minutes costs nothing. */
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMinutes(5);

  public CallSettings {
    Objects.requireNonNull(failoverTimeout, "failoverTimeout");
    Objects.requireNonNull(defaultCountry, "defaultCountry");
    Objects.requireNonNull(ringTimeout, "ringTimeout");
    Objects.requireNonNull(answerHoldLimit, "answerHoldLimit");
    Objects.requireNonNull(cancelLimit, "cancelLimit");
    Objects.requireNonNull(probeInterval, "probeInterval");
    if (probeInterval.isNegative()) {
      throw new IllegalArgumentException("probeInterval must not be negative");
    }
    requirePositive(failoverTimeout, "failoverTimeout");
    requirePositive(ringTimeout, "ringTimeout");
    requirePositive(answerHoldLimit, "answerHoldLimit");
    requirePositive(cancelLimit, "cancelLimit");
  }

  /** Settings with the cancel limit of the RFC's T1 (500 ms) and the default probe interval. */
  public CallSettings(Duration failoverTimeout, String defaultCountry, Duration ringTimeout,
      Duration answerHoldLimit) {
    this(failoverTimeout, defaultCountry, ringTimeout, answerHoldLimit, DEFAULT_CANCEL_LIMIT,
        DEFAULT_PROBE_INTERVAL);
  }

  /** Forwarding settings with the default click-to-call timing. */
  public CallSettings(Duration failoverTimeout, String defaultCountry) {
    this(failoverTimeout, defaultCountry, DEFAULT_RING_TIMEOUT, DEFAULT_ANSWER_HOLD_LIMIT);
  }

  /**
   * The longest an unacknowledged 2xx may wait for a UAS with timer value {@code t1}: 60·T1,
   * which leaves 4·T1 of the 64·T1 the UAS retransmits for (RFC 3261 §13.3.1.4) to cover the 2xx's
   * way here and the ACK's way back.
   */
  public static Duration answerHoldLimit(Duration t1) {
    return t1.multipliedBy(60);
  }

  /** How long a cancelled INVITE may wait for its final response with timer value {@code t1}. */
  public static Duration cancelLimit(Duration t1) {
    return t1.multipliedBy(64);
  }

  /** How long the second party of a click-to-call may ring: the ring timeout, within the limit. */
  Duration secondRingLimit() {
    return ringTimeout.compareTo(answerHoldLimit) < 0 ? ringTimeout : answerHoldLimit;
  }

  private static void requirePositive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
