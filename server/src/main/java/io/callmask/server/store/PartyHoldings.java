package io.callmask.server.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The proxies one party holds, as its {@code party_holdings} row lists them: one element per
 * binding of the party, separated by {@code ','}, {@code proxy} while the binding is active and
 * {@code proxy@end} in quarantine ({@code end} in milliseconds since the epoch, rounded down).
 * It is a copy of the party's bindings that a create reads as one row instead of reading them
 * all; the bindings and their primary key stay the truth, so a stale end only makes the store
 * look at the binding itself earlier than needed. Mutable; used by one transaction, not
 * thread-safe.
 */
final class PartyHoldings {

  private static final char SEPARATOR = ',';
  private static final char END = '@';

  private final String party;
  private final boolean stored;
  private final long revision;
  /** Proxy to quarantine end in epoch milliseconds (null while active), in stored order. */
  private final Map<String, Long> ends;
  private boolean changed;

  private PartyHoldings(String party, boolean stored, long revision, int size) {
    this.party = party;
    this.stored = stored;
    this.revision = revision;
    this.ends = new LinkedHashMap<>(Math.max(16, size * 2));
  }

  /** A party without a row: it holds nothing yet. */
  static PartyHoldings none(String party) {
    return new PartyHoldings(party, false, 0, 0);
  }

  /** A party's stored row: its {@code holdings} text and its revision. */
  static PartyHoldings stored(String party, String text, long revision) {
    // Elements are 13 to 30 characters long; the map is sized once.
    PartyHoldings holdings = new PartyHoldings(party, true, revision, text.length() / 13 + 1);
    int start = 0;
    while (start < text.length()) {
      int stop = text.indexOf(SEPARATOR, start);
      if (stop < 0) {
        stop = text.length();
      }
      int end = text.indexOf(END, start);
      if (end < 0 || end > stop) {
        holdings.ends.put(text.substring(start, stop), null);
      } else {
        holdings.ends.put(text.substring(start, end),
            Long.parseLong(text, end + 1, stop, 10));
      }
      start = stop + 1;
    }
    return holdings;
  }

  String party() {
    return party;
  }

  /** Whether the party has a row to update (else one is inserted). */
  boolean stored() {
    return stored;
  }

  /** The revision read: the row is written only if it still has it. */
  long revision() {
    return revision;
  }

  /** Whether anything changed since the row was read. */
  boolean changed() {
    return changed;
  }

  /** Every proxy the party holds, active or in quarantine. */
  Set<String> proxies() {
    return Collections.unmodifiableSet(ends.keySet());
  }

  /** Records a new binding of {@code proxy}, in quarantine until {@code end} if present. */
  void hold(String proxy, Optional<Instant> end) {
    ends.put(proxy, end.map(Instant::toEpochMilli).orElse(null));
    changed = true;
  }

  /** Starts the quarantine of an active holding of {@code proxy}; others are left as they are. */
  void quarantine(String proxy, Instant end) {
    if (ends.containsKey(proxy) && ends.get(proxy) == null) {
      ends.put(proxy, end.toEpochMilli());
      changed = true;
    }
  }

  /** Drops {@code proxy}: its binding is gone. */
  void release(String proxy) {
    if (ends.containsKey(proxy)) {
      ends.remove(proxy);
      changed = true;
    }
  }

  /** Proxies whose quarantine ended by {@code now} as far as this list knows, in order. */
  List<String> dueAt(Instant now) {
    long millis = now.toEpochMilli();
    List<String> due = new ArrayList<>();
    ends.forEach((proxy, end) -> {
      if (end != null && end <= millis) {
        due.add(proxy);
      }
    });
    return due;
  }

  /** The earliest quarantine end, which the periodic sweep looks for. */
  Optional<Instant> nextExpiry() {
    return ends.values().stream().filter(end -> end != null).min(Long::compare)
        .map(Instant::ofEpochMilli);
  }

  /** The text to store. */
  String text() {
    StringBuilder text = new StringBuilder(ends.size() * 16);
    for (Map.Entry<String, Long> entry : ends.entrySet()) {
      if (text.length() > 0) {
        text.append(SEPARATOR);
      }
      text.append(entry.getKey());
      if (entry.getValue() != null) {
        text.append(END).append(entry.getValue());
      }
    }
    return text.toString();
  }
}
