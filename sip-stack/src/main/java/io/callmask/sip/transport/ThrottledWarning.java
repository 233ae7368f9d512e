package io.callmask.sip.transport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs at WARN at most once per interval and at DEBUG otherwise, so that a peer sending garbage or
 * resetting connections in a loop cannot flood the log. Thread-safe: one compare-and-set decides
 * which caller gets the warning.
 */
final class ThrottledWarning {

  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong nextWarningAt;

  ThrottledWarning(Logger log, Duration interval) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.nextWarningAt = new AtomicLong(System.nanoTime());
  }

  /** Logs {@code message} and the cause's description; the stack trace only at DEBUG. */
  void log(String message, Throwable cause) {
    long now = System.nanoTime();
    long next = nextWarningAt.get();
    if (now - next >= 0 && nextWarningAt.compareAndSet(next, now + intervalNanos)) {
      log.warn("{}: {} (similar warnings muted for {} ms)", message, cause.toString(),
          intervalNanos / 1_000_000);
      log.debug("{}", message, cause);
    } else {
      log.debug("{}", message, cause);
    }
  }
}
