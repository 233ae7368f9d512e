package io.callmask.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.Health;
import io.callmask.server.masking.NumberStore.NumberFilter;
import io.callmask.server.masking.NumberStore.NumberUse;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.PoolChange;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.Trunk;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdbcNumberStoreTest {

  private final Database database = Database.open(
      "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
  private final JdbcNumberStore store = new JdbcNumberStore(database);

  @AfterEach
  void close() {
    database.close();
  }

  private static ProxyNumber number(String e164, String trunk, String region) {
    return ProxyNumber.healthy(PhoneNumber.of(e164), trunk, region, Pool.SHARED);
  }

  @Test
  void aTrunkIsAddedOnceAndListedWithItsSettings() {
    Trunk trunk = new Trunk("jio", "sbc.example", 5080, "tcp", List.of("10.0.0.0/8", "192.0.2.1/32"));
    assertThat(store.addTrunk(trunk)).isEqualTo(new PoolChange.Added(1));
    assertThat(store.addTrunk(trunk)).isEqualTo(new PoolChange.Duplicate("trunk jio"));
    assertThat(store.trunks()).containsExactly(trunk);
  }

  @Test
  void numbersAreAddedAllOrNothing() {
    store.addTrunk(new Trunk("t1", "gw", 5060, "udp", List.of()));
    PoolChange change = store.addNumbers(List.of(
        number("+918000000001", "t1", "KA"), number("+918000000002", "nope", "KA")));
    assertThat(change).isEqualTo(new PoolChange.UnknownTrunk("nope"));
    assertThat(store.numbers(NumberFilter.all())).isEmpty();

    store.addNumbers(List.of(number("+918000000001", "t1", "KA")));
    assertThat(store.addNumbers(List.of(number("+918000000003", "t1", "KA"),
        number("+918000000001", "t1", "KA")))).isInstanceOf(PoolChange.Duplicate.class);
    assertThat(store.numbers(NumberFilter.all())).hasSize(1);
  }

  @Test
  void numbersAreListedInTheOrderAddedAndFiltered() {
    store.addTrunk(new Trunk("t1", "gw", 5060, "udp", List.of()));
    store.addTrunk(new Trunk("t2", "gw", 5060, "udp", List.of()));
    store.addNumbers(List.of(number("+918000000009", "t1", "KA"),
        number("+918000000001", "t2", "MH")));
    store.addNumbers(List.of(number("+918000000005", "t2", "KA").withHealth(Health.UNHEALTHY)));
    assertThat(store.numbers(NumberFilter.all())).extracting(use -> use.number().number().e164())
        .containsExactly("+918000000009", "+918000000001", "+918000000005");
    assertThat(store.numbers(new NumberFilter(Optional.of("KA"), Optional.of("t2"),
        Optional.of(Health.UNHEALTHY)))).extracting(NumberUse::number)
        .extracting(ProxyNumber::number).containsExactly(PhoneNumber.of("+918000000005"));
  }
}
