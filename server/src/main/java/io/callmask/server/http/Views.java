package io.callmask.server.http;

import io.callmask.server.call.TrunkState;
import io.callmask.server.masking.NumberStore.NumberUse;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.Trunk;
import io.callmask.sip.message.HostPort;
import java.util.List;

/**
 * The JSON shapes of CONTRACT §5 that only the API shows, as records the codec writes in
 * snake_case (sessions are {@link io.callmask.server.view.SessionView}, shared with the webhook
 * events). Real numbers come from {@code e164()}, never from a masked {@code toString()}.
 */
final class Views {

  private Views() {}

  /** A trunk with what its OPTIONS probes say: {@code up}, {@code down} or {@code unknown}. */
  record TrunkView(String name, String gateway, String transport, List<String> allow,
      String status) {
    static TrunkView of(Trunk trunk, TrunkState state) {
      return new TrunkView(trunk.name(),
          new HostPort(trunk.gatewayHost(), trunk.gatewayPort()).toString(), trunk.transport(),
          trunk.allow(), state.apiName());
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
