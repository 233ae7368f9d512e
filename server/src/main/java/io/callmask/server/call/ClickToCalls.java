package io.callmask.server.call;

import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.Side;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where click-to-calls are asked for (CONTRACT §5, §6): reads the session and the numbers to
 * present ({@link PresentationChoice}), then hands the call to the {@link CallController}, which
 * calls the party on side {@code from} first and then the other. Blocking (it reads the store):
 * call it from the API's workers, never from a SIP thread. Thread-safe.
 */
public final class ClickToCalls {

  private final Function<String, Optional<MaskingSession>> sessions;
  private final PresentationChoice presentations;
  private final CallController controller;

  /**
   * @param sessions a session by id (e.g. {@code MaskingService::session})
   * @param numbers a proxy number as the pool holds it (e.g. {@code MaskingService::number})
   * @param healthyInRegion the healthy numbers of a region in the pool's order, for stand-ins of
   *     unhealthy proxies
   * @param controller the call controller that runs the calls
   */
  public ClickToCalls(Function<String, Optional<MaskingSession>> sessions,
      Function<PhoneNumber, Optional<ProxyNumber>> numbers,
      Function<String, List<ProxyNumber>> healthyInRegion, CallController controller) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.controller = Objects.requireNonNull(controller, "controller");
    this.presentations = new PresentationChoice(numbers, healthyInRegion,
        controller.trunkStatus());
  }

  /** Starts a click-to-call in session {@code sessionId}, calling the {@code from} side first. */
  public ClickToCallOutcome start(String sessionId, Side from) {
    if (controller.isDraining()) {
      return new ClickToCallOutcome.Draining();
    }
    Optional<MaskingSession> found = sessions.apply(sessionId);
    if (found.isEmpty()) {
      return new ClickToCallOutcome.NoSession(sessionId);
    }
    MaskingSession session = found.get();
    if (!session.isActive()) {
      return new ClickToCallOutcome.SessionClosed(sessionId);
    }
    Optional<CalleeAttempts.Target> first =
        presentations.target(session.side(from), session.region());
    if (first.isEmpty()) {
      return new ClickToCallOutcome.NoUsableNumber(sessionId, from.configName());
    }
    Optional<CalleeAttempts.Target> second =
        presentations.target(session.side(from.other()), session.region());
    if (second.isEmpty()) {
      return new ClickToCallOutcome.NoUsableNumber(sessionId, from.other().configName());
    }
    return controller.clickToCall(new ClickToCallPlan(session, from, first.get(), second.get()))
        .<ClickToCallOutcome>map(ClickToCallOutcome.Started::new)
        .orElseGet(ClickToCallOutcome.Draining::new);
  }
}
