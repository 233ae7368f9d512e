package io.callmask.server.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How the deliverer works: timeouts of one POST, how often it looks for due events, how many
 * POSTs may run at once, and the retry policy. Immutable. Production uses {@link #DEFAULTS};
 * tests shorten them.
 *
 * @param connectTimeout the longest wait to connect to the webhook receiver
 * @param requestTimeout the longest wait for its answer once connected
 * @param pollInterval how often due events are looked for when nothing woke the deliverer
 * @param senders how many events may be in flight at once (each of another session)
 */
public record DeliverySettings(
    Duration connectTimeout,
    Duration requestTimeout,
    Duration pollInterval,
    int senders,
    BackoffPolicy backoff) {

  /**
   * 2 s to connect, 10 s to answer; retries from 1 s doubling to 10 min, 15 attempts (about
   * 1 h 40 min of trying) before an event is dead.
   */
  public static final DeliverySettings DEFAULTS = new DeliverySettings(
      Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(500), 4,
      new BackoffPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), 15));

  public DeliverySettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(backoff, "backoff");
    if (senders < 1) {
      throw new IllegalArgumentException("senders must be at least 1");
    }
  }

  /**
   * How long a claimed event stays reserved to one attempt: longer than any attempt can take,
   * so a server that died mid-delivery leaves it to be retried after this.
   */
  public Duration claimLease() {
    return connectTimeout.plus(requestTimeout).plusSeconds(5);
  }
}
