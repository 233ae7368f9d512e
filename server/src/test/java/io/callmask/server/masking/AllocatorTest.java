package io.callmask.server.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocation rules of CONTRACT §4 on an in-memory pool, without a database. */
class AllocatorTest {

  private static final PhoneNumber ALICE = PhoneNumber.of("+919000000001");
  private static final PhoneNumber BOB = PhoneNumber.of("+919000000002");
  private static final PhoneNumber CAROL = PhoneNumber.of("+919000000003");

  private final InMemoryPool pool = new InMemoryPool();

  @Test
  void twoPoolTakesEachSideFromItsOwnPool() {
    add(0, 2, Pool.CUSTOMER, "KA");
    add(10, 2, Pool.PARTNER, "KA");
    NumberPlan plan = plan(AllocationStrategy.TWO_POOL, ALICE, BOB);
    assertThat(List.of(plan.customerProxy().pool(), plan.customerBackup().pool()))
        .containsOnly(Pool.CUSTOMER);
    assertThat(List.of(plan.partnerProxy().pool(), plan.partnerBackup().pool()))
        .containsOnly(Pool.PARTNER);
  }

  @Test
  void singlePoolShowsBothSidesTheSameSharedNumbers() {
    add(0, 2, Pool.SHARED, "KA");
    NumberPlan plan = plan(AllocationStrategy.SINGLE_POOL, ALICE, BOB);
    assertThat(plan.customerProxy()).isEqualTo(plan.partnerProxy());
    assertThat(plan.customerBackup()).isEqualTo(plan.partnerBackup());
    assertThat(plan.customerProxy().pool()).isEqualTo(Pool.SHARED);
  }

  @Test
  void backupIsOnAnotherTrunkThanThePrimary() {
    pool.add(number(0, "t1", Pool.SHARED, "KA"));
    pool.add(number(1, "t1", Pool.SHARED, "KA"));
    pool.add(number(2, "t2", Pool.SHARED, "KA"));
    NumberPlan plan = plan(AllocationStrategy.SINGLE_POOL, ALICE, BOB);
    assertThat(plan.customerProxy().trunk()).isEqualTo("t1");
    assertThat(plan.customerBackup().trunk()).isEqualTo("t2");
  }

  @Test
  void onlyNumbersOfTheSessionRegionAreChosen() {
    add(0, 2, Pool.SHARED, "MH");
    add(10, 2, Pool.SHARED, "KA");
    NumberPlan plan = plan(AllocationStrategy.SINGLE_POOL, ALICE, BOB);
    assertThat(plan.distinctNumbers()).containsExactlyInAnyOrder(proxy(10), proxy(11));
  }

  @Test
  void unhealthyNumbersAreNotChosen() {
    add(0, 4, Pool.SHARED, "KA");
    pool.setHealth(proxy(0), Health.UNHEALTHY);
    NumberPlan plan = plan(AllocationStrategy.SINGLE_POOL, ALICE, BOB);
    assertThat(plan.distinctNumbers()).doesNotContain(proxy(0));
  }

  @Test
  void numbersAtCapacityAreNotChosen() {
    for (int i = 0; i < 4; i++) {
      pool.add(number(i, i % 2 == 0 ? "t1" : "t2", Pool.SHARED, "KA").withCapacity(1));
    }
    pool.take(proxy(0));
    NumberPlan plan = plan(AllocationStrategy.SINGLE_POOL, ALICE, BOB);
    assertThat(plan.distinctNumbers()).containsExactlyInAnyOrder(proxy(1), proxy(2));
  }

  @Test
  void aNumberBoundToEitherPartyIsNotGivenToItAgain() {
    add(0, 6, Pool.SHARED, "KA");
    pool.bind(ALICE, proxy(0));
    pool.bind(BOB, proxy(1));
    NumberPlan plan = plan(AllocationStrategy.SINGLE_POOL, ALICE, BOB);
    assertThat(plan.distinctNumbers()).containsExactlyInAnyOrder(proxy(2), proxy(3));
  }

  @Test
  void twoPoolIgnoresTheOtherPartysBindings() {
    add(0, 2, Pool.CUSTOMER, "KA");
    add(10, 2, Pool.PARTNER, "KA");
    pool.bind(CAROL, proxy(0));
    NumberPlan plan = plan(AllocationStrategy.TWO_POOL, ALICE, BOB);
    assertThat(plan.customerProxy().number()).isEqualTo(proxy(0));
  }

  @Test
  void dedicatedNeverSharesANumberWithAnotherLiveSession() {
    add(0, 4, Pool.SHARED, "KA");
    pool.take(proxy(0));
    NumberPlan plan = plan(AllocationStrategy.DEDICATED, ALICE, BOB);
    assertThat(plan.distinctNumbers()).containsExactlyInAnyOrder(proxy(1), proxy(2));
  }

  @Test
  void exhaustionNamesRegionPoolRoleAndTheEmptyingConstraint() {
    assertThat(exhausted(AllocationStrategy.TWO_POOL)).isEqualTo(
        new PoolExhausted("KA", Pool.CUSTOMER, NumberRole.PRIMARY, PoolConstraint.NO_NUMBERS));

    add(0, 2, Pool.SHARED, "KA");
    pool.setHealth(proxy(0), Health.UNHEALTHY);
    pool.setHealth(proxy(1), Health.UNHEALTHY);
    assertThat(exhausted(AllocationStrategy.SINGLE_POOL).constraint())
        .isEqualTo(PoolConstraint.HEALTH);

    pool.setHealth(proxy(0), Health.HEALTHY);
    pool.setHealth(proxy(1), Health.HEALTHY);
    pool.take(proxy(0));
    assertThat(exhausted(AllocationStrategy.DEDICATED))
        .isEqualTo(new PoolExhausted("KA", Pool.SHARED, NumberRole.BACKUP, PoolConstraint.CAPACITY));

    pool.release(proxy(0));
    pool.bind(BOB, proxy(1));
    assertThat(exhausted(AllocationStrategy.SINGLE_POOL)).isEqualTo(
        new PoolExhausted("KA", Pool.SHARED, NumberRole.BACKUP, PoolConstraint.PARTY_BINDINGS));

    pool.unbind(BOB, proxy(1));
    pool.add(number(2, "t1", Pool.SHARED, "KA"));
    pool.bind(ALICE, proxy(1));
    assertThat(exhausted(AllocationStrategy.SINGLE_POOL)).isEqualTo(
        new PoolExhausted("KA", Pool.SHARED, NumberRole.BACKUP, PoolConstraint.BACKUP_TRUNK));
  }

  @Test
  void replacementKeepsTheOtherRoleOnAnotherTrunk() {
    pool.add(number(0, "t1", Pool.SHARED, "KA"));
    pool.add(number(1, "t2", Pool.SHARED, "KA"));
    pool.add(number(2, "t2", Pool.SHARED, "KA"));
    pool.add(number(3, "t1", Pool.SHARED, "KA"));
    ProxyNumber kept = pool.number(proxy(0)).orElseThrow();
    Replacement choice = new Allocator(AllocationStrategy.SINGLE_POOL).replacement("KA",
        java.util.Set.of(ALICE, BOB), Pool.SHARED, NumberRole.BACKUP, kept, proxy(1), pool);
    assertThat(choice).isEqualTo(new Replacement.Chosen(pool.number(proxy(2)).orElseThrow()));
  }

  private PoolExhausted exhausted(AllocationStrategy strategy) {
    Allocation allocation = new Allocator(strategy).allocate("KA", ALICE, BOB, pool);
    assertThat(allocation).isInstanceOf(PoolExhausted.class);
    return (PoolExhausted) allocation;
  }

  private NumberPlan plan(AllocationStrategy strategy, PhoneNumber customer, PhoneNumber partner) {
    Allocation allocation = new Allocator(strategy).allocate("KA", customer, partner, pool);
    assertThat(allocation).isInstanceOf(NumberPlan.class);
    return (NumberPlan) allocation;
  }

  private void add(int first, int count, Pool which, String region) {
    for (int i = first; i < first + count; i++) {
      pool.add(number(i, i % 2 == 0 ? "t1" : "t2", which, region));
    }
  }

  private static ProxyNumber number(int index, String trunk, Pool which, String region) {
    return new ProxyNumber(proxy(index), trunk, region, which, 100, Health.HEALTHY);
  }

  private static PhoneNumber proxy(int index) {
    return PhoneNumber.of(String.format("+9180000%05d", index));
  }
}
