package io.callmask.server.call;

/** Which way a call used a proxy number. */
public enum CallDirection {
  /** A party dialed the number: the call came in on it. */
  INCOMING,
  /** callmask presented the number as caller ID on a call it placed. */
  OUTGOING
}
