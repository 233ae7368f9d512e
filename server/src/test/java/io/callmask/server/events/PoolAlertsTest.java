package io.callmask.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.NumberRole;
import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.NumberStore.NumberUse;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.PoolConstraint;
import io.callmask.server.masking.PoolExhausted;
import io.callmask.server.masking.ProxyNumber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the marketplace hears that a pool runs short, and how often. */
class PoolAlertsTest {

  private final List<NewEvent> recorded = new ArrayList<>();
  private final List<NumberUse> pool = new ArrayList<>();
  private final MovableClock clock = new MovableClock();
  private PoolAlerts alerts;

  @BeforeEach
  void setUp() {
    NumberStore numbers = mock(NumberStore.class);
    when(numbers.numbers(any())).thenAnswer(invocation -> List.copyOf(pool));
    EventOutbox outbox = mock(EventOutbox.class);
    when(outbox.append(any())).thenAnswer(invocation -> {
      recorded.add(invocation.getArgument(0));
      return null;
    });
    alerts = new PoolAlerts(numbers, new EventRecorder(outbox, clock, () -> {}), clock, 0.1,
        Duration.ofMinutes(1));
  }

  @Test
  void aPoolWithLessThanATenthOfItsCapacityFreeIsLowOnceUntilItRecovers() throws Exception {
    use("+918040000001", "KA", Pool.CUSTOMER, 100, 95, Health.HEALTHY);
    use("+918040000002", "KA", Pool.PARTNER, 100, 50, Health.HEALTHY);

    assertThat(alerts.checkLow()).isEqualTo(1);
    assertThat(alerts.checkLow()).isZero();
    JsonNode data = new ObjectMapper().readTree(recorded.get(0).data());
    assertThat(recorded.get(0).type()).isEqualTo(EventType.POOL_LOW);
    assertThat(data.get("region").asText()).isEqualTo("KA");
    assertThat(data.get("pool").asText()).isEqualTo("customer");
    assertThat(data.get("live_sessions").asLong()).isEqualTo(95);

    pool.clear();
    use("+918040000001", "KA", Pool.CUSTOMER, 100, 20, Health.HEALTHY);
    assertThat(alerts.checkLow()).isZero();
    pool.clear();
    use("+918040000001", "KA", Pool.CUSTOMER, 100, 99, Health.HEALTHY);
    assertThat(alerts.checkLow()).as("low again after recovering").isEqualTo(1);
  }

  @Test
  void unhealthyNumbersAddNoCapacity() {
    use("+918040000001", "KA", Pool.CUSTOMER, 100, 10, Health.HEALTHY);
    use("+918040000002", "KA", Pool.CUSTOMER, 1000, 0, Health.UNHEALTHY);

    assertThat(alerts.checkLow()).isZero();
    pool.remove(0);
    assertThat(alerts.checkLow()).as("only unhealthy numbers left").isEqualTo(1);
  }

  @Test
  void aBurstOfRefusedCreatesIsOneExhaustedEventPerPoolAndCooldown() throws Exception {
    PoolExhausted customer = new PoolExhausted("KA", Pool.CUSTOMER, NumberRole.PRIMARY,
        PoolConstraint.CAPACITY);
    PoolExhausted partner = new PoolExhausted("KA", Pool.PARTNER, NumberRole.BACKUP,
        PoolConstraint.CAPACITY);

    for (int i = 0; i < 100; i++) {
      alerts.poolExhausted(customer);
    }
    alerts.poolExhausted(partner);
    clock.advance(Duration.ofSeconds(61));
    alerts.poolExhausted(customer);

    assertThat(recorded).extracting(NewEvent::type).containsOnly(EventType.POOL_EXHAUSTED);
    assertThat(recorded).hasSize(3);
    JsonNode data = new ObjectMapper().readTree(recorded.get(0).data());
    assertThat(data.get("pool").asText()).isEqualTo("customer");
    assertThat(data.get("constraint").asText()).isEqualTo("capacity");
    assertThat(recorded).allMatch(event -> event.sessionId().isEmpty());
  }

  private void use(String number, String region, Pool which, int capacity, int live,
      Health health) {
    pool.add(new NumberUse(new ProxyNumber(PhoneNumber.of(number), "t1", region, which,
        capacity, health), live));
  }

  /** A clock tests move by hand. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
