package io.callmask.server.store;

import static io.callmask.server.calls.TestCalls.T0;
import static io.callmask.server.calls.TestCalls.ringing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.server.calls.CallRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetentionSweepTest {

  private final Database database = TestDatabase.open();
  private final JdbcCallRecordStore store = new JdbcCallRecordStore(database);

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aCallSweepDeletesEveryCallOlderThanTheRetentionInChunksAndKeepsTheRest() {
    List<CallRecord> calls = new ArrayList<>();
    int old = RetentionSweep.CHUNK + 5; // more than one chunk
    for (int i = 0; i < old; i++) {
      calls.add(ringing("old" + i, "s" + (i % 7), i % 3600));
    }
    calls.add(ringing("kept", "s1", 2 * 86_400));
    store.saveAll(calls);
    // "now" is 31 days after T0 + 2 days: only "kept" (T0 + 2 days) is within 30 days.
    Clock now = Clock.fixed(T0.plus(Duration.ofDays(31)), ZoneOffset.UTC);

    int deleted = new RetentionSweep("call records", store::deleteStartedBefore,
        Duration.ofDays(30), now).sweep();

    assertThat(deleted).isEqualTo(old);
    assertThat(store.recent(10)).extracting(CallRecord::id).containsExactly("kept");
  }

  @Test
  void aRetentionMustBePositive() {
    assertThatThrownBy(() -> new RetentionSweep("call records", store::deleteStartedBefore,
        Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
