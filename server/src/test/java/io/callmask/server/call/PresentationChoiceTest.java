package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.Health;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.masking.SessionSide;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which numbers a click-to-call shows a party: its own, or healthy stand-ins. */
class PresentationChoiceTest {

  private static final PhoneNumber PARTY = PhoneNumber.of("+919845011111");
  private static final PhoneNumber PROXY = PhoneNumber.of("+918040000001");
  private static final PhoneNumber BACKUP = PhoneNumber.of("+918040000002");
  private static final SessionSide SIDE = new SessionSide(PARTY, PROXY, BACKUP, true);

  private final Map<PhoneNumber, ProxyNumber> pool = new HashMap<>();
  private final List<ProxyNumber> region = new ArrayList<>();
  private final Set<String> down = new HashSet<>();
  private int regionLookups;
  private final PresentationChoice choice = new PresentationChoice(
      number -> Optional.ofNullable(pool.get(number)),
      name -> {
        regionLookups++;
        return region;
      },
      down::contains);

  @Test
  void healthyOwnNumbersArePresentedAsTheyAreWithoutLookingFurther() {
    own(PROXY, "airtel", Health.HEALTHY);
    own(BACKUP, "jio", Health.HEALTHY);

    assertThat(describe(choice.target(SIDE, "KA"))).isEqualTo(
        "+919845011111: +918040000001 via airtel, then +918040000002 via jio");
    assertThat(regionLookups).isZero();
  }

  @Test
  void anUnhealthyProxyGivesWayToTheBackupThenAStandInOnAnotherTrunk() {
    own(PROXY, "airtel", Health.UNHEALTHY);
    own(BACKUP, "jio", Health.HEALTHY);
    region.add(number("+918040000010", "jio", Pool.CUSTOMER));
    region.add(number("+918040000011", "vi", Pool.PARTNER));
    region.add(number("+918040000012", "airtel", Pool.CUSTOMER));

    assertThat(describe(choice.target(SIDE, "KA"))).isEqualTo(
        "+919845011111: +918040000002 via jio, then +918040000012 via airtel");
  }

  @Test
  void withNoHealthyOwnNumberStandInsOfTheSamePoolOnTrunksThatAreUpComeFirst() {
    own(PROXY, "airtel", Health.UNHEALTHY);
    own(BACKUP, "jio", Health.UNHEALTHY);
    region.add(number("+918040000010", "bsnl", Pool.CUSTOMER));
    region.add(number("+918040000011", "vi", Pool.PARTNER));
    region.add(number("+918040000012", "jio", Pool.CUSTOMER));
    region.add(number("+918040000013", "jio", Pool.CUSTOMER));
    down.add("bsnl");

    assertThat(describe(choice.target(SIDE, "KA"))).isEqualTo(
        "+919845011111: +918040000012 via jio, then +918040000011 via vi");
  }

  @Test
  void whenNothingIsHealthyTheSessionsOwnNumbersAreTriedAnyway() {
    own(PROXY, "airtel", Health.UNHEALTHY);
    own(BACKUP, "jio", Health.UNHEALTHY);

    assertThat(describe(choice.target(SIDE, "KA"))).isEqualTo(
        "+919845011111: +918040000001 via airtel, then +918040000002 via jio");
  }

  @Test
  void numbersNoLongerInThePoolAndNoStandInLeaveNothingToPresent() {
    assertThat(choice.target(SIDE, "KA")).isEmpty();
  }

  private void own(PhoneNumber number, String trunk, Health health) {
    pool.put(number, new ProxyNumber(number, trunk, "KA", Pool.CUSTOMER, 1000, health));
  }

  private static ProxyNumber number(String e164, String trunk, Pool pool) {
    return ProxyNumber.healthy(PhoneNumber.of(e164), trunk, "KA", pool);
  }

  private static String describe(Optional<CalleeAttempts.Target> target) {
    CalleeAttempts.Target t = target.orElseThrow();
    return t.party().e164() + ": " + t.primary().number().e164() + " via " + t.primary().trunk()
        + ", then " + t.backup().number().e164() + " via " + t.backup().trunk();
  }
}
