package io.callmask.server.calls;

import java.util.Locale;

/**
 * Where a call is (CONTRACT §5): {@code RINGING} and {@code ANSWERED} while it lasts, one of the
 * others once it ended.
 */
public enum CallStatus {
  RINGING,
  ANSWERED,
  COMPLETED,
  BUSY,
  NO_ANSWER,
  FAILED,
  CANCELED;

  /** True once the call ended. */
  public boolean isFinal() {
    return this != RINGING && this != ANSWERED;
  }

  /** The spelling used in the API and the store, e.g. {@code no_answer}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
