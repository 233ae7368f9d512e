package io.callmask.server.masking;

/** What a proxy number is to the side that sees it. */
public enum NumberRole {
  /** The {@code proxy}: dialed by the party, and its caller ID for calls to it. */
  PRIMARY,
  /** The {@code backup_proxy}: same region, another trunk; presented when the primary fails. */
  BACKUP
}
