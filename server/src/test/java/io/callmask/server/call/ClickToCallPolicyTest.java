package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.callmask.server.calls.CallAttempt;
import io.callmask.server.calls.CallKind;
import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallRecordStore;
import io.callmask.server.calls.CallStatus;
import io.callmask.server.calls.FailureSide;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.SessionSide;
import io.callmask.server.masking.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When failed forwarded calls turn click-to-call on for the party they failed to reach. */
class ClickToCallPolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private final List<CallRecord> persisted = new ArrayList<>();
  private final List<CallRecord> stored = new ArrayList<>();
  private final List<String> told = new ArrayList<>();
  private final MaskingService masking = mock(MaskingService.class);
  private MaskingSession session;
  private ClickToCallPolicy policy;

  @BeforeEach
  void setUp() {
    session = new MaskingSession("s-1", Optional.empty(), "KA", MaskingSession.Status.ACTIVE,
        side("+919845011111", "+918040000001", "+918040000002"),
        side("+919845022222", "+918040000101", "+918040000102"),
        NOW, Optional.empty(), Optional.empty());
    when(masking.session("s-1")).thenAnswer(invocation -> Optional.of(session));
    when(masking.enableClickToCall(any(), any())).thenAnswer(invocation -> {
      Side side = invocation.getArgument(1);
      session = session.withSide(side, session.side(side).withClickToCall(true));
      return Optional.of(session);
    });
    policy = new ClickToCallPolicy(persisted::add, 2, new ListStore(),
        masking, (changed, side) -> told.add(changed.id() + " " + side.configName()),
        Runnable::run);
  }

  @Test
  void enablesClickToCallForThePartnerAfterTwoFailedCallsTowardIt() {
    fail(Side.CUSTOMER);
    assertThat(told).isEmpty();

    fail(Side.CUSTOMER);

    assertThat(told).containsExactly("s-1 partner");
    assertThat(session.partner().clickToCall()).isTrue();
    assertThat(session.customer().clickToCall()).isFalse();
  }

  @Test
  void anAnsweredCallBreaksTheStreak() {
    fail(Side.CUSTOMER);
    finish(Side.CUSTOMER, CallStatus.COMPLETED, Optional.empty());
    fail(Side.CUSTOMER);

    assertThat(told).isEmpty();
    verify(masking, never()).enableClickToCall(any(), any());
  }

  @Test
  void busyAndUnansweredCallsNeitherCountNorBreakTheStreak() {
    fail(Side.CUSTOMER);
    finish(Side.CUSTOMER, CallStatus.BUSY, Optional.empty());
    finish(Side.CUSTOMER, CallStatus.NO_ANSWER, Optional.empty());

    assertThat(told).isEmpty();
    fail(Side.CUSTOMER);
    assertThat(told).containsExactly("s-1 partner");
  }

  @Test
  void failuresTowardTheOtherSideAndOnTheIncomingSideDoNotCount() {
    fail(Side.CUSTOMER);
    fail(Side.PARTNER);
    finish(Side.CUSTOMER, CallStatus.FAILED, Optional.of(FailureSide.INCOMING));

    assertThat(told).isEmpty();
  }

  @Test
  void tellsOnceWhenAlreadyEnabled() {
    fail(Side.CUSTOMER);
    fail(Side.CUSTOMER);
    fail(Side.CUSTOMER);

    assertThat(told).containsExactly("s-1 partner");
  }

  @Test
  void passesEverySnapshotOnToThePersistingLog() {
    CallRecord ringing = record(Side.CUSTOMER, CallStatus.RINGING, Optional.empty());
    policy.record(ringing);

    assertThat(persisted).containsExactly(ringing);
    verify(masking, never()).session(any());
  }

  @Test
  void aClosedSessionIsLeftAlone() {
    session = session.closed(NOW, NOW.plusSeconds(60));
    fail(Side.CUSTOMER);
    fail(Side.CUSTOMER);

    assertThat(told).isEmpty();
  }

  private void fail(Side from) {
    finish(from, CallStatus.FAILED, Optional.of(FailureSide.OUTGOING));
  }

  /** A call ends: its final snapshot is judged, then lands in the store as the log would. */
  private void finish(Side from, CallStatus status, Optional<FailureSide> failure) {
    CallRecord call = record(from, status, failure);
    policy.record(call);
    stored.add(0, call);
  }

  private static CallRecord record(Side from, CallStatus status, Optional<FailureSide> failure) {
    return new CallRecord(UUID.randomUUID().toString(), "s-1", CallKind.FORWARDED, from, status,
        List.of(new CallAttempt("t1", PhoneNumber.of("+918040000101"), OptionalInt.of(503))),
        NOW, Optional.empty(), Optional.of(NOW), failure);
  }

  private static SessionSide side(String number, String proxy, String backup) {
    return new SessionSide(PhoneNumber.of(number), PhoneNumber.of(proxy), PhoneNumber.of(backup),
        false);
  }

  /** Newest first, like the JDBC store. */
  private final class ListStore implements CallRecordStore {
    @Override
    public void saveAll(Collection<CallRecord> records) {
      throw new UnsupportedOperationException("the policy only reads");
    }

    @Override
    public Optional<CallRecord> find(String id) {
      return stored.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public List<CallRecord> bySession(String id, int limit) {
      return stored.stream().filter(r -> r.session().equals(id)).limit(limit).toList();
    }

    @Override
    public List<CallRecord> recent(int limit) {
      return stored.stream().limit(limit).toList();
    }
  }
}
