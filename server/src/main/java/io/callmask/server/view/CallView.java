package io.callmask.server.view;

import io.callmask.server.calls.CallAttempt;
import io.callmask.server.calls.CallRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A call record as CONTRACT §5 shows it, written by {@link ViewJson}: the API answers with it
 * and a {@code call.completed} event can carry it. It holds no party's real number: only the
 * proxy number each attempt presented. Immutable.
 *
 * @param durationS whole seconds between answer and end; null until an answered call ended
 * @param failure for a failed call, the leg it failed on ({@code incoming} or {@code outgoing})
 */
public record CallView(String id, String session, String kind, String from, String status,
    List<Attempt> attempts, Instant startedAt, Instant answeredAt, Instant endedAt,
    Long durationS, String failure) {

  /** The view of {@code c}. */
  public static CallView of(CallRecord c) {
    return new CallView(c.id(), c.session(), c.kind().configName(), c.from().configName(),
        c.status().configName(), c.attempts().stream().map(Attempt::of).toList(), c.startedAt(),
        c.answeredAt().orElse(null), c.endedAt().orElse(null),
        c.durationSeconds().orElse(null),
        c.failure().map(side -> side.name().toLowerCase(Locale.ROOT)).orElse(null));
  }

  /** One try at reaching the callee; {@code sipStatus} null while pending or without answer. */
  public record Attempt(String trunk, String presented, Integer sipStatus) {
    static Attempt of(CallAttempt a) {
      return new Attempt(a.trunk(), a.presented().e164(),
          a.sipStatus().isPresent() ? a.sipStatus().getAsInt() : null);
    }
  }
}
