package io.callmask.server.call;

import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.Side;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where click-to-calls are asked for (CONTRACT §5, §6): reads the session and the numbers to
 * present ({@link PresentationChoice}), then hands the call to the {@link CallController}, which
 * calls the party on side {@code from} first and then the other. The session's four proxy numbers
 * are read in one go (two store reads per click-to-call, not five). Blocking (it reads the
 * store): call it from the API's workers, never from a SIP thread. Thread-safe.
 */
public final class ClickToCalls {

  private final Function<String, Optional<MaskingSession>> sessions;
  private final Function<Collection<PhoneNumber>, Map<PhoneNumber, ProxyNumber>> numbers;
  private final Function<String, List<ProxyNumber>> healthyInRegion;
  private final CallController controller;

  /**
   * @param sessions a session by id (e.g. {@code MaskingService::session})
   * @param numbers proxy numbers as the pool holds them, by number, absent ones left out (e.g.
   *     {@code MaskingService::numbers})
   * @param healthyInRegion the healthy numbers of a region in the pool's order, for stand-ins of
   *     unhealthy proxies
   * @param controller the call controller that runs the calls
   */
  public ClickToCalls(Function<String, Optional<MaskingSession>> sessions,
      Function<Collection<PhoneNumber>, Map<PhoneNumber, ProxyNumber>> numbers,
      Function<String, List<ProxyNumber>> healthyInRegion, CallController controller) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.numbers = Objects.requireNonNull(numbers, "numbers");
    this.healthyInRegion = Objects.requireNonNull(healthyInRegion, "healthyInRegion");
    this.controller = Objects.requireNonNull(controller, "controller");
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
    SessionSide firstSide = session.side(from);
    SessionSide secondSide = session.side(from.other());
    Map<PhoneNumber, ProxyNumber> known = numbers.apply(List.of(firstSide.proxy(),
        firstSide.backupProxy(), secondSide.proxy(), secondSide.backupProxy()));
    PresentationChoice presentations = new PresentationChoice(
        number -> Optional.ofNullable(known.get(number)), healthyInRegion,
        controller.trunkStatus());
    Optional<CalleeAttempts.Target> first = presentations.target(firstSide, session.region());
    if (first.isEmpty()) {
      return new ClickToCallOutcome.NoUsableNumber(sessionId, from.configName());
    }
    Optional<CalleeAttempts.Target> second = presentations.target(secondSide, session.region());
    if (second.isEmpty()) {
      return new ClickToCallOutcome.NoUsableNumber(sessionId, from.other().configName());
    }
    return controller.clickToCall(new ClickToCallPlan(session, from, first.get(), second.get()));
  }
}
