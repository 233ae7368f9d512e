package io.callmask.server.call;

import io.callmask.server.calls.CallRecord;
import java.util.Objects;

/** What asking for a click-to-call led to (CONTRACT §5 {@code POST /v1/sessions/{id}/calls}). */
public sealed interface ClickToCallOutcome permits ClickToCallOutcome.Started,
    ClickToCallOutcome.NoSession, ClickToCallOutcome.SessionClosed,
    ClickToCallOutcome.NoUsableNumber, ClickToCallOutcome.Draining,
    ClickToCallOutcome.Overloaded {

  /** The first party is being called; {@code call} is the record as it stood then. */
  record Started(CallRecord call) implements ClickToCallOutcome {
    public Started {
      Objects.requireNonNull(call, "call");
    }
  }

  /** No session has that id. */
  record NoSession(String id) implements ClickToCallOutcome {}

  /** The session is closed: its parties are no longer put through. */
  record SessionClosed(String id) implements ClickToCallOutcome {}

  /** None of the numbers to present to {@code side} is registered in the pool any more. */
  record NoUsableNumber(String id, String side) implements ClickToCallOutcome {}

  /** The server is shutting down and takes no new calls. */
  record Draining() implements ClickToCallOutcome {}

  /** The server is behind its SIP input and takes no new call for now ({@link Overload}). */
  record Overloaded(int retryAfterSeconds) implements ClickToCallOutcome {}
}
