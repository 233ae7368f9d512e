package io.callmask.server.call;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Takes what identifies a person out of an SDP body (RFC 4566) before it crosses to the other
 * leg: the {@code o=} username (often the caller's number or account) becomes {@code -}, and the
 * {@code e=} (email) and {@code p=} (phone) lines are dropped. Everything else, media above all,
 * passes unchanged, so offer/answer (RFC 3264) is unaffected; the origin's username stays the same
 * for the whole session, as RFC 3264 §8 requires. Stateless and thread-safe.
 */
final class SdpNeutraliser {

  private static final byte[] ANONYMOUS = "-".getBytes(StandardCharsets.US_ASCII);

  private SdpNeutraliser() {}

  static byte[] neutralise(byte[] sdp) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sdp.length);
    int start = 0;
    while (start < sdp.length) {
      int end = start;
      while (end < sdp.length && sdp[end] != '\n') {
        end++;
      }
      int next = end < sdp.length ? end + 1 : end;
      writeLine(sdp, start, next, out);
      start = next;
    }
    return out.toByteArray();
  }

  /** One line, {@code [start, next)} including its line end. */
  private static void writeLine(byte[] sdp, int start, int next, ByteArrayOutputStream out) {
    if (next - start >= 2 && sdp[start + 1] == '=') {
      byte type = sdp[start];
      if (type == 'e' || type == 'p') {
        return;
      }
      if (type == 'o') {
        int space = start + 2;
        while (space < next && sdp[space] != ' ') {
          space++;
        }
        if (space < next) {
          out.write(sdp, start, 2);
          out.write(ANONYMOUS, 0, ANONYMOUS.length);
          out.write(sdp, space, next - space);
          return;
        }
      }
    }
    out.write(sdp, start, next - start);
  }
}
