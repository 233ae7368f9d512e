package io.callmask.server.masking;

import io.callmask.server.store.Database;
import io.callmask.server.store.JdbcNumberStore;
import io.callmask.server.store.JdbcSessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh in-memory H2 store with trunks {@code t1}, {@code t2} (and {@code t3}), and helpers to
 * register numbers {@code +9180000000NN}. Close it after the test.
 */
final class H2Pool implements AutoCloseable {

  final Database database;
  final JdbcSessionStore sessions;
  final JdbcNumberStore numbers;

  H2Pool() {
    database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
        10);
    sessions = new JdbcSessionStore(database);
    numbers = new JdbcNumberStore(database);
    for (String trunk : List.of("t1", "t2", "t3")) {
      numbers.addTrunk(new Trunk(trunk, "10.0.0.1", 5060, "udp", List.of()));
    }
  }

  /** The proxy number {@code +9180000} followed by {@code index} in five digits. */
  static PhoneNumber proxy(int index) {
    return PhoneNumber.of(String.format("+9180000%05d", index));
  }

  /** A party's number {@code +9190000} followed by {@code index} in five digits. */
  static PhoneNumber party(int index) {
    return PhoneNumber.of(String.format("+9190000%05d", index));
  }

  /**
   * Registers {@code count} numbers from {@code firstIndex} in region KA, alternating trunks t1
   * and t2, and returns them.
   */
  List<ProxyNumber> add(int firstIndex, int count, Pool pool, int capacity) {
    List<ProxyNumber> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      added.add(new ProxyNumber(proxy(firstIndex + i), i % 2 == 0 ? "t1" : "t2", "KA", pool,
          capacity, Health.HEALTHY));
    }
    if (!(numbers.addNumbers(added) instanceof PoolChange.Added)) {
      throw new IllegalStateException("numbers not added");
    }
    return added;
  }

  @Override
  public void close() {
    database.close();
  }
}
