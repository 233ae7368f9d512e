package io.callmask.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Checks {@code Authorization: Bearer TOKEN} headers against the API token, in constant time so
 * that response timing tells an attacker nothing about how much of a guess was right. Immutable.
 */
final class BearerToken {

  private static final String SCHEME = "bearer ";

  private final byte[] expected;

  BearerToken(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("empty API token");
    }
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  /** True when {@code authorization} (the header's value, possibly null) names the token. */
  boolean accepts(String authorization) {
    if (authorization == null || authorization.length() <= SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    byte[] offered = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, offered);
  }
}
