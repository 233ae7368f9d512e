package io.callmask.server.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionIdsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  private final SessionIds ids = new SessionIds(clock);

  @Test
  void idsAreVersionSevenUuidsCarryingTheCreationTime() {
    UUID id = UUID.fromString(ids.next());

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
  }

  @Test
  void laterIdsSortAfterEarlierOnesAsText() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      made.add(ids.next());
      clock.advance(Duration.ofMillis(1));
    }

    assertThat(made).isSorted();
  }

  @Test
  void idsOfTheSameMillisecondDiffer() {
    HashSet<String> made = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(ids.next());
    }

    assertThat(made).hasSize(10_000);
  }
}
