package io.callmask.server.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  @Test
  void writesTheMillisecondsInTheFirstBitsOfAVersion7Uuid() {
    Instant at = Instant.parse("2026-11-22T13:30:00.123Z");
    String id = new TimeOrderedIds(Clock.fixed(at, ZoneOffset.UTC)).next();

    UUID uuid = UUID.fromString(id);
    assertThat(id).hasSize(36);
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
  }

  @Test
  void idsOfLaterMillisecondsSortAfterAsText() {
    List<String> ids = new ArrayList<>();
    for (long millis = 1_700_000_000_000L; millis < 1_700_000_000_000L + 2_000; millis += 7) {
      ids.add(new TimeOrderedIds(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC))
          .next());
    }

    assertThat(ids).isSorted();
  }

  @Test
  void idsOfOneMillisecondDifferInTheirRandomBits() {
    TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    HashSet<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      seen.add(ids.next());
    }

    assertThat(seen).hasSize(10_000);
  }
}
