package io.callmask.server.view;

import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.SessionSide;
import java.time.Instant;

/**
 * A masking session as CONTRACT §5 shows it, written by {@link ViewJson}. Real numbers appear
 * here by design (the marketplace created the session); they come from {@code e164()}, never
 * from a masked {@code toString()}. Immutable.
 */
public record SessionView(String id, String ref, String status, String region, Side customer,
    Side partner, Instant createdAt, Instant closedAt, Instant quarantineUntil) {

  /** The view of {@code s}. */
  public static SessionView of(MaskingSession s) {
    return new SessionView(s.id(), s.ref().orElse(null), s.status().configName(), s.region(),
        Side.of(s.customer()), Side.of(s.partner()), s.createdAt(), s.closedAt().orElse(null),
        s.quarantineUntil().orElse(null));
  }

  /** One party's side: its real number, the numbers it sees, and click-to-call. */
  public record Side(String number, String proxy, String backupProxy, boolean clickToCall) {
    static Side of(SessionSide side) {
      return new Side(side.number().e164(), side.proxy().e164(), side.backupProxy().e164(),
          side.clickToCall());
    }
  }
}
