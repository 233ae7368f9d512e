package io.callmask.sip.codec;

import java.util.Optional;

/**
 * Counts, while the validator walks one message's headers, the single-valued headers (which RFC
 * 3261 §7.3 allows once) and the mandatory ones (§8.1.1). One instance per message; not
 * thread-safe.
 */
final class HeaderTally {

  /** Mandatory in every message, in the order reasons name them; Max-Forwards in requests only. */
  private static final String[] MANDATORY = {
    HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ,
    HeaderNames.MAX_FORWARDS
  };

  private int seen;

  /** Records one field; false if it repeats a single-valued header. */
  boolean count(String canonicalName) {
    int bit = bit(canonicalName);
    if (bit == 0) {
      return true;
    }
    boolean first = (seen & bit) == 0;
    seen |= bit;
    // Via is the one mandatory header that may repeat.
    return first || bit == 1;
  }

  /** The first mandatory header not seen, if any. */
  Optional<String> missing(boolean request) {
    int needed = request ? MANDATORY.length : MANDATORY.length - 1;
    for (int i = 0; i < needed; i++) {
      if ((seen & (1 << i)) == 0) {
        return Optional.of(MANDATORY[i]);
      }
    }
    return Optional.empty();
  }

  /**
   * A bit per header of interest: the mandatory ones first (in {@link #MANDATORY} order), then
   * those whose grammar has no comma list, so that a second field is an error; 0 for the rest.
   */
  private static int bit(String canonicalName) {
    switch (canonicalName) {
      case HeaderNames.VIA: return 1;
      case HeaderNames.FROM: return 1 << 1;
      case HeaderNames.TO: return 1 << 2;
      case HeaderNames.CALL_ID: return 1 << 3;
      case HeaderNames.CSEQ: return 1 << 4;
      case HeaderNames.MAX_FORWARDS: return 1 << 5;
      case HeaderNames.CONTENT_LENGTH: return 1 << 6;
      case HeaderNames.CONTENT_TYPE: return 1 << 7;
      case HeaderNames.EXPIRES: return 1 << 8;
      case HeaderNames.MIN_EXPIRES: return 1 << 9;
      case HeaderNames.DATE: return 1 << 10;
      case HeaderNames.RETRY_AFTER: return 1 << 11;
      case HeaderNames.REPLY_TO: return 1 << 12;
      case "mime-version": return 1 << 13;
      case "session-expires": return 1 << 14;
      case "rseq": return 1 << 15;
      case "rack": return 1 << 16;
      default: return 0;
    }
  }
}
