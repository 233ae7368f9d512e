package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * The timers that end a finished transaction's wait (here timer J of answered BYEs, 32 s on UDP)
 * wait in one queue per duration, with one scheduled sweep for all of them, and still end each
 * transaction at its own deadline.
 */
class LingerTimersTest {

  private final LayerFixture fixture = new LayerFixture();

  @Test
  void manyLingeringTransactionsShareOneScheduledSweepAndEndEachOnTime() {
    int count = 150; // more than a lane's first ring, so it grows while in use
    for (int i = 0; i < count; i++) {
      answerBye();
      fixture.advanceMillis(100);
    }
    assertThat(fixture.layer.size()).isEqualTo(count);
    assertThat(fixture.timers.pending()).isEqualTo(1);

    // the first was answered at 0 and the clock is at 15 s: timer J ends it at 32 s
    fixture.advanceMillis(17_000 - 1);
    assertThat(fixture.layer.size()).isEqualTo(count);
    fixture.advanceMillis(1);
    assertThat(fixture.layer.size()).isEqualTo(count - 1);
    fixture.advanceMillis(100 * 99);
    assertThat(fixture.layer.size()).isEqualTo(count - 100);
    fixture.advanceMillis(100 * 50);
    assertThat(fixture.layer.size()).isZero();
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void aTransactionEndedEarlyLeavesTheOthersOnTime() {
    answerBye();
    fixture.advanceSeconds(1);
    fixture.transport.failAll(true);
    answerBye(); // its 200 cannot be sent: the transaction ends at once
    fixture.transport.failAll(false);
    fixture.advanceSeconds(1);
    answerBye();
    assertThat(fixture.layer.size()).isEqualTo(2);

    fixture.advanceSeconds(30);
    assertThat(fixture.layer.size()).isEqualTo(1);
    fixture.advanceSeconds(1);
    assertThat(fixture.layer.size()).isEqualTo(1); // the failed one's entry fired as stale
    fixture.advanceSeconds(1);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void closingTheLayerLetsEveryEntryAndTheSweepGo() {
    List<ServerTransaction> answered = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answered.add(answerBye());
    }
    assertThat(fixture.timers.pending()).isEqualTo(1);

    fixture.layer.close();

    assertThat(fixture.isEmpty()).isTrue();
    assertThat(answered).allMatch(ServerTransaction::isCompleted);
  }

  @Test
  void lanesOfDifferentDurationsRunApart() {
    answerBye(); // timer J: 64·T1, 32 s
    Request invite = TestMessages.inbound(Request.INVITE, UDP);
    fixture.receive(invite, UDP);
    ServerTransaction transaction = latestRequest();
    Response busy = response(invite, 486);
    transaction.respond(busy);
    fixture.receive(TestMessages.ackOfFailure(invite, busy, UDP), UDP); // timer I: T4, 5 s

    fixture.advanceSeconds(5);
    assertThat(fixture.layer.size()).isEqualTo(1);
    fixture.advanceSeconds(27);
    assertThat(fixture.isEmpty()).isTrue();
  }

  private ServerTransaction latestRequest() {
    return fixture.user.requests.get(fixture.user.requests.size() - 1);
  }

  /** A BYE arrives over UDP and is answered 200 at once; returns its transaction. */
  private ServerTransaction answerBye() {
    Request bye = TestMessages.inbound(Request.BYE, UDP);
    fixture.receive(bye, UDP);
    ServerTransaction transaction = latestRequest();
    transaction.respond(response(bye, 200));
    return transaction;
  }
}
