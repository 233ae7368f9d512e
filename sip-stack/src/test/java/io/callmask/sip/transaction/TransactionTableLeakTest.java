package io.callmask.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * Runs 100,000 transactions of every kind to completion on the hand-driven clock and checks that
 * nothing is left behind: no transaction, no index entry, no timer.
 */
class TransactionTableLeakTest {

  private static final int TRANSACTIONS = 100_000;
  private static final int BATCH = 2_000;
  /** Beyond every timer: C (181 s) is the longest. */
  private static final Duration DRAIN = Duration.ofSeconds(200);

  private final RecordingTransport transport = new RecordingTransport();
  private final ManualTimerService timers = new ManualTimerService();
  private final TransactionLayer layer =
      new TransactionLayer(transport, timers, TimerSettings.RFC_DEFAULTS);
  private final AnsweringUser user = new AnsweringUser();
  private final CountingListener listener = new CountingListener();
  private int clientTransactions;
  private int serverRequests;

  @Test
  void leavesNothingBehindAfter100000Transactions() {
    layer.bind(user);
    for (int start = 0; start < TRANSACTIONS; start += BATCH) {
      List<Runnable> followUps = new ArrayList<>(BATCH);
      for (int i = start; i < start + BATCH; i++) {
        followUps.add(begin(i));
      }
      followUps.forEach(Runnable::run);
      assertThat(layer.size()).isPositive();
      timers.advance(DRAIN);
      transport.clear();
      assertThat(layer.size()).as("after batch at %d", start).isZero();
    }

    assertThat(layer.size()).isZero();
    assertThat(layer.indexSize()).isZero();
    assertThat(timers.pending()).isZero();
    assertThat(listener.outcomes).hasValue(clientTransactions);
    assertThat(listener.unexpected).hasValue(0);
    assertThat(user.requests).hasValue(serverRequests);
  }

  /** Starts transaction {@code i}; returns what the far end does next. */
  private Runnable begin(int i) {
    Transport over = (i & 1) == 0 ? Transport.UDP : Transport.TCP;
    String method = (i & 2) == 0 ? Request.INVITE : Request.OPTIONS;
    int variant = (i >> 3) & 3;
    return (i & 4) == 0 ? client(method, over, variant) : server(method, over, variant);
  }

  private Runnable client(String method, Transport over, int variant) {
    clientTransactions++;
    ClientTransaction transaction = layer.sendRequest(
        TestMessages.outgoing(method), Peer.to(over, TestMessages.REMOTE), listener);
    Request sent = transaction.request();
    return switch (variant) {
      case 0 -> () -> respond(sent, over, 200);
      case 1 -> () -> {
        respond(sent, over, 180);
        respond(sent, over, method.equals(Request.INVITE) ? 486 : 404);
      };
      case 2 -> () -> { }; // timer B or F
      default -> () -> {
        respond(sent, over, 180);
        if (method.equals(Request.INVITE)) {
          clientTransactions++;
          ClientTransaction cancel = layer.sendCancel(transaction, listener);
          respond(cancel.request(), over, 200);
          respond(sent, over, 487);
        }
      };
    };
  }

  private Runnable server(String method, Transport over, int variant) {
    serverRequests++;
    Request request = TestMessages.inbound(method, over);
    user.statusFor = variant % 2 == 0 ? 200 : 486;
    receive(request, over);
    Response answer = user.lastAnswer;
    boolean invite = method.equals(Request.INVITE);
    return switch (variant) {
      case 0 -> () -> {
        if (invite) {
          receive(TestMessages.ackOfSuccess(answer, over), over);
        }
      };
      case 1 -> () -> {
        if (invite) {
          receive(TestMessages.ackOfFailure(request, answer, over), over);
        }
      };
      case 2 -> () -> { // a 2xx left unacknowledged; on UDP the request is retransmitted
        if (over == Transport.UDP) {
          receive(TestMessages.retransmission(request), over);
        }
      };
      default -> () -> {
        if (invite) {
          receive(TestMessages.cancelOf(request, over), over); // too late: 200, no onCancel
        }
      };
    };
  }

  private void respond(Request sent, Transport over, int status) {
    receive(SipResponses.create(sent, status, TestMessages.UAS_TAG), over);
  }

  private void receive(javax.sip.message.Message message, Transport over) {
    layer.onMessage(new InboundMessage(message, TestMessages.peer(over)));
  }

  /** Answers each request at once with the status set before it arrives. */
  private static final class AnsweringUser implements TransactionUser {
    final AtomicInteger requests = new AtomicInteger();
    int statusFor;
    Response lastAnswer;

    @Override
    public void onRequest(ServerTransaction transaction) {
      requests.incrementAndGet();
      int status = transaction.request().getMethod().equals(Request.INVITE) ? statusFor : 200;
      lastAnswer = SipResponses.create(transaction.request(), status);
      transaction.respond(lastAnswer);
    }

    @Override
    public void onCancel(ServerTransaction invite, Request cancel) {
      throw new AssertionError("every INVITE was answered before its CANCEL");
    }

    @Override
    public void onAck(Request ack, Peer from) { }

    @Override
    public void onStrayResponse(Response response, Peer from) {
      throw new AssertionError("stray " + response.getStatusCode());
    }
  }

  /** Counts outcomes; a second outcome for one transaction would show as too many. */
  private static final class CountingListener implements ResponseListener {
    final AtomicInteger outcomes = new AtomicInteger();
    final AtomicInteger unexpected = new AtomicInteger();

    @Override
    public void onResponse(Response response) {
      if (response.getStatusCode() >= 200) {
        outcomes.incrementAndGet();
      }
    }

    @Override
    public void onTimeout() {
      outcomes.incrementAndGet();
    }

    @Override
    public void onTransportError(Throwable cause) {
      unexpected.incrementAndGet();
    }
  }
}
