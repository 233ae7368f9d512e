package io.callmask.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProbeLedgerTest {

  private static final long SECRET = 0x5eC12e7L;
  private static final long FORGET = 1_000_000;

  private final AtomicLong now = new AtomicLong(10);
  private final ProbeLedger ledger = new ProbeLedger(SECRET, now::get);

  @Test
  void aCaughtProbeTellsHowLongItWaited() {
    byte[] probe = bytes(ledger.issue());
    now.addAndGet(250);

    assertThat(ledger.caught(probe, probe.length)).isEqualTo(250);
    assertThat(ledger.oldestWaitingNanos(FORGET)).isZero();
  }

  @Test
  void probesNotCaughtCountWithTheirAge() {
    ledger.issue();
    now.addAndGet(100);
    byte[] second = bytes(ledger.issue());
    now.addAndGet(400);

    assertThat(ledger.oldestWaitingNanos(FORGET)).isEqualTo(500);
    assertThat(ledger.caught(second, second.length)).isEqualTo(400);
    assertThat(ledger.oldestWaitingNanos(FORGET)).isEqualTo(500);
  }

  @Test
  void aProbeLostLongAgoCountsNoMore() {
    ledger.issue();
    now.addAndGet(FORGET + 1);

    assertThat(ledger.oldestWaitingNanos(FORGET)).isZero();
  }

  @Test
  void aWithdrawnProbeWaitsForNothing() {
    ledger.issue();
    ledger.withdrawLast();
    now.addAndGet(500);

    assertThat(ledger.oldestWaitingNanos(FORGET)).isZero();
  }

  @Test
  void otherBytesAreNoProbeAndAProbeCountsOnce() {
    byte[] probe = bytes(ledger.issue());
    byte[] forged = ByteBuffer.allocate(16).putLong(SECRET + 1).putLong(1).array();

    assertThat(ledger.caught(forged, forged.length)).isEqualTo(ProbeLedger.NOT_A_PROBE);
    assertThat(ledger.caught(probe, probe.length - 1)).isEqualTo(ProbeLedger.NOT_A_PROBE);
    assertThat(ledger.caught(probe, probe.length)).isZero();
    assertThat(ledger.caught(probe, probe.length)).isEqualTo(ProbeLedger.UNKNOWN_PROBE);
  }

  @Test
  void aProbeWhoseSlotWasReusedIsUnknown() {
    byte[] first = bytes(ledger.issue());
    for (int i = 0; i < ProbeLedger.SLOTS; i++) {
      ledger.issue();
    }

    assertThat(ledger.caught(first, first.length)).isEqualTo(ProbeLedger.UNKNOWN_PROBE);
  }

  private static byte[] bytes(ByteBuffer probe) {
    byte[] bytes = new byte[probe.remaining()];
    probe.get(bytes);
    return bytes;
  }
}
