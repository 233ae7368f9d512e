package io.callmask.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two simulated carriers calling each other directly over real UDP sockets. */
class DemoCarrierIT {

  private DemoCarrier caller;
  private DemoCarrier callee;

  @BeforeEach
  void start() {
    caller = new DemoCarrier("caller");
    callee = new DemoCarrier("callee");
    caller.start();
    callee.start();
  }

  @AfterEach
  void stop() {
    caller.close();
    callee.close();
  }

  @Test
  void answersACallAndRecordsWhatTheCallerShowed() throws Exception {
    int status = caller.placeCall("+919845011111", "+919845022222", callee.address())
        .get(10, TimeUnit.SECONDS);

    assertThat(status).isEqualTo(200);
    ReceivedCall received = callee.nextReceived(Duration.ofSeconds(5)).orElseThrow();
    assertThat(received.dialed()).isEqualTo("+919845022222");
    assertThat(received.callerId()).isEqualTo("+919845011111");
    assertThat(received.assertedId()).isEmpty();
    assertThat(received.answeredWith()).isEqualTo(200);
  }

  @Test
  void refusesTheNextCallWhenToldAndAnswersTheOneAfter() throws Exception {
    callee.refuseNextCall(503);

    int refused = caller.placeCall("+919845011111", "+919845022222", callee.address())
        .get(10, TimeUnit.SECONDS);
    int answered = caller.placeCall("+919845011111", "+919845022222", callee.address())
        .get(10, TimeUnit.SECONDS);

    assertThat(refused).isEqualTo(503);
    assertThat(answered).isEqualTo(200);
    assertThat(callee.nextReceived(Duration.ofSeconds(5)).orElseThrow().answeredWith())
        .isEqualTo(503);
    assertThat(callee.nextReceived(Duration.ofSeconds(5)).orElseThrow().answeredWith())
        .isEqualTo(200);
  }
}
