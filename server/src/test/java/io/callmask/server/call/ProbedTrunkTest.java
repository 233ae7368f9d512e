package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.call.ProbedTrunk.Change;
import io.callmask.server.call.ProbedTrunk.Probe;
import io.callmask.server.masking.Trunk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-trunk rules on their own: each change is reported exactly once. */
class ProbedTrunkTest {

  private final ProbedTrunk trunk =
      new ProbedTrunk(new Trunk("airtel", "10.0.0.1", 5060, "udp", List.of()), 2);

  @Test
  void reportsTheFallOnceAndFurtherFailuresNotAgain() {
    Change first = trunk.failed(trunk.open(), "silent");
    Change fall = trunk.failed(trunk.open(), "silent");
    Change again = trunk.failed(trunk.open(), "silent");

    assertThat(first).isNull();
    assertThat(fall).isEqualTo(new Change("airtel", TrunkState.UNKNOWN, TrunkState.DOWN, "silent"));
    assertThat(again).isNull();
    assertThat(trunk.failures()).isEqualTo(3);
  }

  @Test
  void reportsTheRiseOnceAndFurtherAnswersNotAgain() {
    Change rise = trunk.answered(trunk.open());
    Change again = trunk.answered(trunk.open());

    assertThat(rise).isEqualTo(new Change("airtel", TrunkState.UNKNOWN, TrunkState.UP, null));
    assertThat(again).isNull();
  }

  @Test
  void aProbeIsCountedOnceHoweverManyWaysItFails() {
    Probe probe = trunk.open();

    trunk.failed(probe, "no answer within PT2S");
    trunk.failed(probe, "no final response before Timer F");

    assertThat(trunk.failures()).isEqualTo(1);
    assertThat(trunk.hasOpenProbe()).isFalse();
  }

  @Test
  void opensNoSecondProbeWhileOneIsOpenAndNumbersThemInOrder() {
    Probe first = trunk.open();

    assertThat(trunk.open()).isNull();
    trunk.answered(first);
    assertThat(trunk.open().sequence()).isEqualTo(first.sequence() + 1);
  }
}
