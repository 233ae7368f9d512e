package io.callmask.server.http;

import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.NumberStore.NumberUse;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.Trunk;
import io.callmask.sip.message.HostPort;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of CONTRACT §5, as records that the codec writes in snake_case. Real numbers
 * appear here by design (the marketplace created the session); they come from {@code e164()},
 * never from a masked {@code toString()}.
 */
final class Views {

  private Views() {}

  record Side(String number, String proxy, String backupProxy, boolean clickToCall) {
    static Side of(SessionSide side) {
      return new Side(side.number().e164(), side.proxy().e164(), side.backupProxy().e164(),
          side.clickToCall());
    }
  }

  record Session(String id, String ref, String status, String region, Side customer,
      Side partner, Instant createdAt, Instant closedAt, Instant quarantineUntil) {
    static Session of(MaskingSession s) {
      return new Session(s.id(), s.ref().orElse(null), s.status().configName(), s.region(),
          Side.of(s.customer()), Side.of(s.partner()), s.createdAt(), s.closedAt().orElse(null),
          s.quarantineUntil().orElse(null));
    }
  }

  record TrunkView(String name, String gateway, String transport, List<String> allow) {
    static TrunkView of(Trunk trunk) {
      return new TrunkView(trunk.name(),
          new HostPort(trunk.gatewayHost(), trunk.gatewayPort()).toString(), trunk.transport(),
          trunk.allow());
    }
  }

  record NumberView(String number, String trunk, String region, String pool, int capacity,
      String health, Integer liveSessions) {
    static NumberView of(ProxyNumber n, Integer liveSessions) {
      return new NumberView(n.number().e164(), n.trunk(), n.region(), n.pool().configName(),
          n.capacity(), n.health().configName(), liveSessions);
    }

    static NumberView of(NumberUse use) {
      return of(use.number(), use.liveSessions());
    }
  }
}
