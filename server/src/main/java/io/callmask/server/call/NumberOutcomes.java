package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;

/**
 * Where call control reports, for each call leg, whether it failed, per proxy number and
 * direction (issue 4 §5): the input of the number health policy, which needs consecutive failures.
 * Never blocks, never throws. Thread-safe.
 */
public interface NumberOutcomes {

  /** Ignores every outcome. */
  NumberOutcomes IGNORED = (number, direction, failed) -> {};

  /**
   * A leg that used {@code number} in {@code direction} ended: {@code failed} when it never got
   * answered for a reason on our or the carrier's side (timeout, 408, 5xx, transport error); a
   * callee's busy or decline is no failure of the number.
   */
  void record(PhoneNumber number, CallDirection direction, boolean failed);
}
