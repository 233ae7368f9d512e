package io.callmask.server.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies and checks such signatures (CONTRACT §7): the header {@code
 * X-Callmask-Signature: t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(secret, t + "." + body))}. Binding the
 * timestamp into the MAC lets a receiver refuse old replays. Immutable and thread-safe (a {@link
 * Mac} is made per call, since Mac instances are not).
 */
public final class WebhookSigner {

  /** The header that carries the signature. */
  public static final String HEADER = "X-Callmask-Signature";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /** A signer with {@code secret} ({@code webhook.secret}, UTF-8). An empty secret is allowed. */
  public WebhookSigner(String secret) {
    Objects.requireNonNull(secret, "secret");
    // SecretKeySpec refuses an empty key; HMAC (RFC 2104) pads any key to the block size with
    // zeros, so one zero byte is the same key as none.
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    this.key = new SecretKeySpec(bytes.length == 0 ? new byte[1] : bytes, ALGORITHM);
  }

  /** The header value for {@code body} sent at {@code unixSeconds}. */
  public String sign(long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(unixSeconds, body));
  }

  /**
   * Whether {@code header} is a valid signature of {@code body} under this secret (the
   * timestamp's age is the receiver's policy, not checked here). Compares in constant time.
   */
  public boolean verify(String header, byte[] body) {
    if (header == null) {
      return false;
    }
    Long timestamp = null;
    byte[] given = null;
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        return false;
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      try {
        if (name.equals("t")) {
          timestamp = Long.parseLong(value);
        } else if (name.equals("v1")) {
          given = HexFormat.of().parseHex(value);
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return timestamp != null && given != null
        && MessageDigest.isEqual(given, mac(timestamp, body));
  }

  private byte[] mac(long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
