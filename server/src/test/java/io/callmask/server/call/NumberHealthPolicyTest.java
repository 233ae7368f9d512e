package io.callmask.server.call;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.callmask.server.masking.Health;
import io.callmask.server.masking.HealthOutcome;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.ProxyNumber;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which failing numbers the health policy marks unhealthy. */
class NumberHealthPolicyTest {

  private static final PhoneNumber NUMBER = PhoneNumber.of("+918040000001");

  private final MaskingService masking = mock(MaskingService.class);
  private Set<String> downTrunks = Set.of();
  private final NumberHealthPolicy policy =
      new NumberHealthPolicy(masking, trunk -> downTrunks.contains(trunk), Runnable::run);

  @Test
  void marksAFailingNumberOnAWorkingTrunkUnhealthy() {
    known(Health.HEALTHY);
    when(masking.reportHealth(any(), any())).thenReturn(new HealthOutcome.Recorded(
        new ProxyNumber(NUMBER, "airtel", "KA", Pool.PARTNER, 10, Health.UNHEALTHY), List.of(),
        Map.of()));

    policy.accept(NUMBER, CallDirection.OUTGOING);

    verify(masking).reportHealth(NUMBER, Health.UNHEALTHY);
  }

  @Test
  void leavesTheNumbersOfADownTrunkAlone() {
    known(Health.HEALTHY);
    downTrunks = Set.of("airtel");

    policy.accept(NUMBER, CallDirection.OUTGOING);

    verify(masking, never()).reportHealth(any(), any());
  }

  @Test
  void doesNothingForAnUnknownOrAlreadyUnhealthyNumber() {
    when(masking.number(NUMBER)).thenReturn(Optional.empty());
    policy.accept(NUMBER, CallDirection.INCOMING);
    known(Health.UNHEALTHY);
    policy.accept(NUMBER, CallDirection.INCOMING);

    verify(masking, never()).reportHealth(any(), any());
  }

  @Test
  void aStoreFailureIsLoggedNotThrownIntoCallControl() {
    when(masking.number(NUMBER)).thenThrow(new IllegalStateException("store down"));

    policy.accept(NUMBER, CallDirection.OUTGOING);

    verify(masking, never()).reportHealth(any(), any());
  }

  private void known(Health health) {
    when(masking.number(NUMBER)).thenReturn(Optional.of(
        new ProxyNumber(NUMBER, "airtel", "KA", Pool.PARTNER, 10, health)));
  }
}
