package io.callmask.server.call;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An SDP answer that refuses every stream of an offer (RFC 3264 §6: port zero, one of the offered
 * formats kept because SDP needs at least one). A UAC must acknowledge every 2xx, and when the 2xx
 * carried an offer the ACK must carry an answer (RFC 3261 §13.2.2.4) even if the UAC then hangs
 * up: click-to-call sends this one when it ends a first party whose offer never found a second
 * party to answer it. The answer names no party: origin {@code -}, the node's own address.
 * Stateless and thread-safe.
 */
final class RefusedMedia {

  private RefusedMedia() {}

  /** The refusing answer to {@code offer}, written by the node at {@code host}. */
  static byte[] answer(byte[] offer, String host) {
    String addressType = host.indexOf(':') >= 0 ? "IP6" : "IP4";
    StringBuilder sdp = new StringBuilder(160)
        .append("v=0\r\n")
        .append("o=- ").append(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)).append(" 1 IN ").append(addressType).append(' ')
        .append(host).append("\r\n")
        .append("s=-\r\n")
        .append("t=0 0\r\n");
    for (String line : new String(offer, StandardCharsets.US_ASCII).split("\r?\n")) {
      if (line.startsWith("m=")) {
        sdp.append(refused(line.substring(2))).append("\r\n");
      }
    }
    return sdp.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@code media port proto fmt...} becomes {@code m=media 0 proto fmt} with the first format; a
   * line too short to be a media description is answered with a rejected audio stream, so the
   * answer keeps the offer's number of streams.
   */
  private static String refused(String description) {
    String[] fields = description.trim().split(" +");
    if (fields.length < 4) {
      return "m=audio 0 RTP/AVP 0";
    }
    return "m=" + fields[0] + " 0 " + fields[2] + " " + fields[3];
  }

}
