package io.callmask.server.call;

import io.callmask.server.masking.Health;
import io.callmask.server.masking.HealthOutcome;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.ProxyNumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a proxy number unhealthy when its calls keep failing (issue 6 §3), which replaces it in
 * every live session that uses it; calls to it still route while it stays reserved to those
 * parties (the quarantine), so nobody is cut off by the change. Fed by {@link
 * NumberFailureCounters} through {@link FailureStreakListener#atThreshold}.
 *
 * <p>A number whose trunk is down is left alone: the trunk, not the number, is failing, the trunk
 * monitor already routes around it, and marking every number of an operator unhealthy during an
 * outage would reshuffle every session for nothing. Runs the store work on {@code executor}.
 * Thread-safe.
 */
public final class NumberHealthPolicy implements BiConsumer<PhoneNumber, CallDirection> {

  private static final Logger log = LoggerFactory.getLogger(NumberHealthPolicy.class);

  private final MaskingService masking;
  private final TrunkStatus trunks;
  private final Executor executor;

  public NumberHealthPolicy(MaskingService masking, TrunkStatus trunks, Executor executor) {
    this.masking = Objects.requireNonNull(masking, "masking");
    this.trunks = Objects.requireNonNull(trunks, "trunks");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Its failure streak reached the threshold: judge {@code number} off the caller's thread. */
  @Override
  public void accept(PhoneNumber number, CallDirection direction) {
    try {
      executor.execute(() -> judgeSafely(number, direction));
    } catch (RejectedExecutionException e) {
      log.warn("number health policy is stopped; {} was not judged", number);
    }
  }

  private void judgeSafely(PhoneNumber number, CallDirection direction) {
    try {
      judge(number, direction);
    } catch (RuntimeException e) {
      log.warn("could not mark {} unhealthy", number, e);
    }
  }

  void judge(PhoneNumber number, CallDirection direction) {
    Optional<ProxyNumber> known = masking.number(number);
    if (known.isEmpty() || known.get().health() == Health.UNHEALTHY) {
      return;
    }
    if (trunks.isDown(known.get().trunk())) {
      log.info("{} keeps failing {} but its trunk {} is down; leaving its health alone", number,
          direction.name().toLowerCase(Locale.ROOT), known.get().trunk());
      return;
    }
    HealthOutcome outcome = masking.reportHealth(number, Health.UNHEALTHY);
    if (outcome instanceof HealthOutcome.Recorded recorded) {
      log.warn("{} marked unhealthy after repeated failed {} calls; {} session numbers replaced,"
              + " {} could not be", number, direction.name().toLowerCase(Locale.ROOT),
          recorded.changes().size(), recorded.unreplaced().size());
    }
  }
}
