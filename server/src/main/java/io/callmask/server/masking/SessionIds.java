package io.callmask.server.masking;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * New session ids: UUIDs of version 7 (RFC 9562 §5.7), the creation time in milliseconds in the
 * first 48 bits and 74 random bits after. Written in the usual lower-case form they sort by
 * creation time, so a store's index on them grows at its end, where the pages it writes are the
 * ones it just wrote, instead of at a random place among a million others; the random bits keep
 * ids unguessable and unique across servers. Thread-safe.
 */
final class SessionIds {

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  SessionIds(Clock clock) {
    this.clock = clock;
  }

  /** A new id. */
  String next() {
    long millis = clock.millis();
    long randA = random.nextInt(1 << 12);
    long randB = random.nextLong();
    long high = (millis << 16) | 0x7000L | randA;
    long low = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
