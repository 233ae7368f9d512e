package io.callmask.server.masking;

import java.util.Objects;

/**
 * What one party of a session has: its real number, the proxy it dials and sees as caller ID,
 * the backup proxy (same region, another trunk), and whether click-to-call is enabled for it.
 * Immutable.
 */
public record SessionSide(
    PhoneNumber number, PhoneNumber proxy, PhoneNumber backupProxy, boolean clickToCall) {

  /** Proxy and backup must differ: one of them must survive a trunk failure. */
  public SessionSide {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(backupProxy, "backupProxy");
    if (proxy.equals(backupProxy)) {
      throw new IllegalArgumentException("proxy and backup proxy must differ");
    }
  }

  /** The number this side sees in the given role. */
  public PhoneNumber proxy(NumberRole role) {
    return role == NumberRole.PRIMARY ? proxy : backupProxy;
  }

  /** This side with {@code replacement} in the given role. */
  public SessionSide withProxy(NumberRole role, PhoneNumber replacement) {
    return role == NumberRole.PRIMARY
        ? new SessionSide(number, replacement, backupProxy, clickToCall)
        : new SessionSide(number, proxy, replacement, clickToCall);
  }

  /** This side with click-to-call on or off. */
  public SessionSide withClickToCall(boolean enabled) {
    return new SessionSide(number, proxy, backupProxy, enabled);
  }
}
