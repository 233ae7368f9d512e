package io.callmask.server.masking;

import static io.callmask.server.masking.TestStore.party;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the masking service tells its listener: committed changes only, once each. */
class SessionListenerTest {

  private final TestStore pool = new TestStore();
  private final List<String> heard = new ArrayList<>();
  private final List<NumberChange> changes = new ArrayList<>();
  private final MaskingService service = new MaskingService(pool.sessions,
      AllocationStrategy.SINGLE_POOL, Duration.ofDays(30),
      new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), new SessionListener() {
        @Override
        public void created(MaskingSession session) {
          heard.add("created " + session.id());
        }

        @Override
        public void closed(MaskingSession session) {
          heard.add("closed " + session.id());
        }

        @Override
        public void numbersChanged(MaskingSession session, List<NumberChange> made) {
          heard.add("changed " + session.id());
          changes.addAll(made);
          assertThat(session.customer().proxy()).isEqualTo(made.get(0).newNumber());
        }
      });

  @AfterEach
  void closeStore() {
    pool.close();
  }

  @Test
  void hearsANewSessionOnceNotItsIdempotentRepeatNorAFailedCreate() {
    pool.add(0, 2, Pool.SHARED, 1);
    CreateRequest request = new CreateRequest(party(1), party(2), "KA", Optional.of("order-1"));

    String id = ((CreateOutcome.Created) service.create(request)).session().id();
    service.create(request);
    service.create(new CreateRequest(party(3), party(4), "KA", Optional.empty()));

    assertThat(heard).containsExactly("created " + id);
  }

  @Test
  void hearsACloseOnceAndNothingForAnUnknownSession() {
    pool.add(0, 2, Pool.SHARED, 10);
    String id = ((CreateOutcome.Created) service.create(
        new CreateRequest(party(1), party(2), "KA", Optional.empty()))).session().id();

    service.close(id);
    service.close(id);
    service.close("no-such-session");

    assertThat(heard).containsExactly("created " + id, "closed " + id);
  }

  @Test
  void hearsEachReplacementWithOldAndNewNumbers() {
    List<ProxyNumber> numbers = pool.add(0, 3, Pool.SHARED, 10);
    MaskingSession session = ((CreateOutcome.Created) service.create(
        new CreateRequest(party(1), party(2), "KA", Optional.empty()))).session();
    PhoneNumber leaving = session.customer().proxy();

    service.reportHealth(leaving, Health.UNHEALTHY);

    assertThat(heard).containsExactly("created " + session.id(), "changed " + session.id());
    assertThat(changes).isNotEmpty().allSatisfy(change -> {
      assertThat(change.oldNumber()).isEqualTo(leaving);
      assertThat(change.newNumber()).isNotEqualTo(leaving).isIn(
          numbers.stream().map(ProxyNumber::number).toList());
    });
  }
}
