package io.callmask.sip.codec;

import java.util.Optional;

/**
 * Counts, while the validator walks one message's headers, the single-valued headers (which RFC
 * 3261 §7.3 allows once) and the mandatory ones (§8.1.1). One instance per message; not
 * thread-safe.
 */
final class HeaderTally {

  /** Headers whose grammar has no comma list, so a second field is an error. Bit = index. */
  private static final String[] SINGLE_VALUED = {
    HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ,
    HeaderNames.MAX_FORWARDS, HeaderNames.CONTENT_LENGTH, HeaderNames.CONTENT_TYPE,
    HeaderNames.EXPIRES, HeaderNames.MIN_EXPIRES, HeaderNames.DATE, HeaderNames.RETRY_AFTER,
    HeaderNames.REPLY_TO, "mime-version", "session-expires", "rseq", "rack"
  };

  /** Mandatory in every message, in the order reasons name them; Max-Forwards in requests only. */
  private static final String[] MANDATORY = {
    HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ,
    HeaderNames.MAX_FORWARDS
  };

  private int seenSingle;
  private int seenMandatory;

  /** Records one field; false if it repeats a single-valued header. */
  boolean count(String canonicalName) {
    for (int i = 0; i < MANDATORY.length; i++) {
      if (MANDATORY[i].equals(canonicalName)) {
        seenMandatory |= 1 << i;
        break;
      }
    }
    for (int i = 0; i < SINGLE_VALUED.length; i++) {
      if (SINGLE_VALUED[i].equals(canonicalName)) {
        int bit = 1 << i;
        boolean first = (seenSingle & bit) == 0;
        seenSingle |= bit;
        return first;
      }
    }
    return true;
  }

  /** The first mandatory header not seen, if any. */
  Optional<String> missing(boolean request) {
    int needed = request ? MANDATORY.length : MANDATORY.length - 1;
    for (int i = 0; i < needed; i++) {
      if ((seenMandatory & (1 << i)) == 0) {
        return Optional.of(MANDATORY[i]);
      }
    }
    return Optional.empty();
  }
}
