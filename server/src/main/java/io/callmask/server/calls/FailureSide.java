package io.callmask.server.calls;

/**
 * Which leg a failed call failed on (issue 4 §6): the incoming side (the caller's carrier or the
 * caller, e.g. the A-leg was refused or dropped) or the outgoing side (the callee's trunk or the
 * callee: timeout, 5xx, busy...). Lets the health policy blame the right number.
 */
public enum FailureSide {
  INCOMING,
  OUTGOING
}
