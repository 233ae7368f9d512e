package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.UDP;
import static io.callmask.sip.transaction.TestMessages.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events racing from several threads, as transport event loops, timers and the TU do. */
class ConcurrencyTest {

  private static final int THREADS = 4;
  private static final int ROUNDS = 300;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private final LayerFixture fixture = new LayerFixture();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void racingCopiesOfAFinalResponseAreReportedOnce() throws Exception {
    List<RecordingListener> listeners = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      RecordingListener listener = new RecordingListener();
      listeners.add(listener);
      ClientTransaction transaction =
          fixture.send(TestMessages.outgoing(Request.INVITE), UDP, listener);
      Request sent = transaction.request();
      race(() -> fixture.receive(response(sent, 486), UDP));
    }
    fixture.advanceSeconds(40);

    for (RecordingListener listener : listeners) {
      assertThat(listener.statuses()).containsExactly(486);
    }
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void tuAnswersWhileRetransmissionsAndCancelsRace() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Request invite = TestMessages.inbound(Request.INVITE, UDP);
      fixture.receive(invite, UDP);
      ServerTransaction transaction = fixture.user.requests.get(round);
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<?>> racers = List.of(
          pool.submit(awaiting(gate, () -> transaction.respond(response(invite, 200)))),
          pool.submit(awaiting(gate, () -> transaction.respond(response(invite, 486)))),
          pool.submit(awaiting(gate,
              () -> fixture.receive(TestMessages.retransmission(invite), UDP))),
          pool.submit(awaiting(gate,
              () -> fixture.receive(TestMessages.cancelOf(invite, UDP), UDP))));
      gate.countDown();
      for (Future<?> racer : racers) {
        racer.get(10, TimeUnit.SECONDS);
      }
    }

    // per INVITE, one final status only (sent once, or again for a retransmission)
    Map<String, Set<Integer>> finalsByCall = fixture.transport.responses().stream()
        .filter(r -> r.getStatusCode() >= 200)
        .filter(r -> ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod().equals("INVITE"))
        .collect(Collectors.groupingBy(
            r -> ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId(),
            Collectors.mapping(Response::getStatusCode, Collectors.toSet())));
    assertThat(fixture.user.requests).hasSize(ROUNDS);
    assertThat(finalsByCall).hasSize(ROUNDS);
    assertThat(finalsByCall.values()).allSatisfy(statuses -> assertThat(statuses).hasSize(1));
    fixture.advanceSeconds(64);
    assertThat(fixture.isEmpty()).isTrue();
  }

  @Test
  void listenerMayCallBackIntoTheLayerFromItsCallback() {
    RecordingListener inviteListener = new RecordingListener();
    ClientTransaction invite =
        fixture.send(TestMessages.outgoing(Request.INVITE), UDP, inviteListener);
    inviteListener.reactWith(response -> {
      if (response.getStatusCode() == 180) {
        fixture.layer.sendCancel(invite, new RecordingListener());
      }
    });

    fixture.receive(response(invite.request(), 180), UDP);

    assertThat(fixture.transport.methods()).containsExactly(Request.INVITE, Request.CANCEL);
  }

  private void race(Runnable event) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<?>> racers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      racers.add(pool.submit(awaiting(gate, event)));
    }
    gate.countDown();
    for (Future<?> racer : racers) {
      racer.get(10, TimeUnit.SECONDS);
    }
  }

  private static Runnable awaiting(CountDownLatch gate, Runnable event) {
    return () -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      event.run();
    };
  }
}
