package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.TCP;
import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Transport;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class ClientNonInviteTransactionTest {

  private final LayerFixture fixture = new LayerFixture();
  private final RecordingListener listener = new RecordingListener();

  private ClientTransaction options(Transport over) {
    return fixture.send(TestMessages.outgoing(Request.OPTIONS), over, listener);
  }

  @Test
  void retransmitsOnTimerEDoublingUpToT2() {
    options(UDP);

    // sends at 0, 0.5, 1.5, 3.5, 7.5 s, then every T2 = 4 s: 11.5, 15.5 s
    long[] expectedAt = {500, 1500, 3500, 7500, 11_500, 15_500};
    long now = 0;
    int sends = 1;
    for (long at : expectedAt) {
      fixture.advanceMillis(at - 1 - now);
      assertThat(fixture.transport.count()).as("before %d ms", at).isEqualTo(sends);
      fixture.advanceMillis(1);
      now = at;
      assertThat(fixture.transport.count()).as("at %d ms", at).isEqualTo(++sends);
    }
    assertThat(fixture.transport.methods()).containsOnly(Request.OPTIONS);
    assertThat(fixture.layer.retransmissions()).isEqualTo(6);
  }

  @Test
  void retransmitsEveryT2OnceAProvisionalArrived() {
    ClientTransaction transaction = options(UDP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 100), UDP);

    fixture.advanceMillis(500); // E was armed with T1 before the provisional
    assertThat(fixture.transport.count()).isEqualTo(2);
    fixture.advanceMillis(3999);
    assertThat(fixture.transport.count()).isEqualTo(2);
    fixture.advanceMillis(1);
    assertThat(fixture.transport.count()).isEqualTo(3);
    fixture.advanceMillis(4000);
    assertThat(fixture.transport.count()).isEqualTo(4);
    assertThat(listener.statuses()).containsExactly(100);
  }

  @Test
  void timesOutOnTimerF() {
    ClientTransaction transaction = options(UDP);

    fixture.advanceMillis(31_999);
    assertThat(listener.timeouts).hasValue(0);
    fixture.advanceMillis(1);

    assertThat(listener.timeouts).hasValue(1);
    assertThat(transaction.isCompleted()).isTrue();
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void neverRetransmitsOnTcp() {
    options(TCP);

    fixture.advanceSeconds(32);

    assertThat(fixture.transport.count()).isEqualTo(1);
    assertThat(listener.timeouts).hasValue(1);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void timerKAbsorbsFinalResponseRetransmissionsOnUdp() {
    ClientTransaction transaction = options(UDP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 200), UDP);
    fixture.receive(response(sent, 200), UDP);

    assertThat(listener.statuses()).containsExactly(200);
    assertThat(transaction.isCompleted()).isTrue();
    fixture.advanceMillis(4999);
    assertThat(fixture.layer.size()).isEqualTo(1);
    assertThat(fixture.transport.count()).isEqualTo(1); // no retransmission after the final
    fixture.advanceMillis(1);
    assertThat(fixture.isEmpty()).isTrue();
    assertThat(fixture.user.strays).isEmpty();
  }

  @Test
  void terminatesAtOnceAfterFinalOnTcp() {
    ClientTransaction transaction = options(TCP);
    Request sent = transaction.request();
    fixture.receive(response(sent, 180), TCP);
    fixture.receive(response(sent, 404), TCP);

    assertThat(listener.statuses()).containsExactly(180, 404);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void reportsTransportErrorAndTerminates() {
    fixture.transport.failAll(true);
    ClientTransaction transaction = options(UDP);

    assertThat(listener.transportErrors).hasSize(1);
    assertThat(listener.outcomes()).isEqualTo(1);
    assertThat(transaction.isCompleted()).isTrue();
    assertThat(fixture.isEmpty()).isTrue();
  }
}
