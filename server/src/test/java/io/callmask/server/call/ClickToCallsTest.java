package io.callmask.server.call;

import static io.callmask.server.call.CallFixture.CALLER_CARRIER;
import static io.callmask.server.call.CallFixture.SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.Side;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/** Asking for a click-to-call: the session's state decides, the first party's side is called. */
class ClickToCallsTest {

  private final CallFixture fixture = new CallFixture();
  private final MaskingSession closed = SESSION.closed(Instant.parse("2026-01-02T00:00:00Z"),
      Instant.parse("2026-02-01T00:00:00Z"));
  private final Map<String, MaskingSession> sessions = Map.of(
      "session-1", SESSION, "closed-1", closed);
  private final ClickToCalls clickToCalls = new ClickToCalls(
      id -> Optional.ofNullable(sessions.get(id)),
      this::registered, region -> List.of(), fixture.controller);
  /** How many times the numbers were read. */
  private int numberReads;

  @Test
  void startsWithTheRequestedSideAndReturnsTheRingingRecord() {
    ClickToCallOutcome outcome = clickToCalls.start("session-1", Side.CUSTOMER);

    assertThat(outcome).isInstanceOfSatisfying(ClickToCallOutcome.Started.class, started -> {
      assertThat(started.call().kind()).isEqualTo(CallKind.CLICK_TO_CALL);
      assertThat(started.call().status()).isEqualTo(CallStatus.RINGING);
      assertThat(started.call().session()).isEqualTo("session-1");
      assertThat(started.call().from()).isEqualTo(Side.CUSTOMER);
    });
    Request invite = fixture.lastRequestTo(CALLER_CARRIER, Request.INVITE);
    assertThat(invite.getRequestURI().toString()).startsWith("sip:+919845011111@");
    assertThat(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString())
        .startsWith("sip:+918040000001@");
  }

  @Test
  void thePartnerSideCallsThePartnerFirstShowingThePartnersProxy() {
    clickToCalls.start("session-1", Side.PARTNER);

    Request invite = fixture.lastRequestTo(CallFixture.PRIMARY_GATEWAY, Request.INVITE);
    assertThat(invite.getRequestURI().toString()).startsWith("sip:+919887654321@");
    assertThat(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString())
        .startsWith("sip:+918040000002@");
    assertThat(fixture.sentTo(CALLER_CARRIER)).isEmpty();
  }

  @Test
  void unknownAndClosedSessionsAreRefusedWithoutAnyCall() {
    assertThat(clickToCalls.start("nope", Side.CUSTOMER))
        .isEqualTo(new ClickToCallOutcome.NoSession("nope"));
    assertThat(clickToCalls.start("closed-1", Side.PARTNER))
        .isEqualTo(new ClickToCallOutcome.SessionClosed("closed-1"));
    assertThat(fixture.transport.sent()).isEmpty();
    assertThat(fixture.controller.liveCalls()).isZero();
  }

  @Test
  void noClickToCallStartsWhileDraining() {
    fixture.controller.stopTakingCalls();

    assertThat(clickToCalls.start("session-1", Side.CUSTOMER))
        .isInstanceOf(ClickToCallOutcome.Draining.class);
    assertThat(fixture.transport.sent()).isEmpty();
  }

  @Test
  void noClickToCallStartsWhileBehindOnInput() {
    fixture.inputLag = CallFixture.OVERLOAD_LIMIT;

    assertThat(clickToCalls.start("session-1", Side.CUSTOMER))
        .isEqualTo(new ClickToCallOutcome.Overloaded(1));
    assertThat(fixture.transport.sent()).isEmpty();
    assertThat(fixture.controller.refusedForOverload()).isEqualTo(1);
  }

  @Test
  void aSideWhoseNumbersLeftThePoolCannotBeCalled() {
    ClickToCalls withoutNumbers = new ClickToCalls(id -> Optional.of(SESSION),
        numbers -> Map.of(), region -> List.of(), fixture.controller);

    assertThat(withoutNumbers.start("session-1", Side.CUSTOMER))
        .isEqualTo(new ClickToCallOutcome.NoUsableNumber("session-1", "customer"));
  }

  @Test
  void readsTheSessionsFourNumbersTogether() {
    clickToCalls.start("session-1", Side.CUSTOMER);

    assertThat(numberReads).isOne();
  }

  /** Every number is registered: the caller's proxy on carrier-a, the others on t1. */
  private Map<PhoneNumber, ProxyNumber> registered(Collection<PhoneNumber> numbers) {
    numberReads++;
    Map<PhoneNumber, ProxyNumber> found = new HashMap<>();
    for (PhoneNumber number : numbers) {
      found.put(number, ProxyNumber.healthy(number,
          number.equals(CallFixture.DIALED) ? "carrier-a" : "t1", "KA", Pool.CUSTOMER));
    }
    return found;
  }
}
