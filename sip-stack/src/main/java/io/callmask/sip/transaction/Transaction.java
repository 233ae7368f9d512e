package io.callmask.sip.transaction;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Peer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the four RFC 3261 §17 machines share: a lock that serialises their events, an ordered
 * queue of side effects, and their running timers.
 *
 * <p>Thread-safety: events come from transport event loops, the timer thread and the TU. Each
 * event runs under this transaction's lock and only changes state, arms or cancels timers and
 * queues effects (sends, listener and TU callbacks). The thread that finds the queue idle then
 * runs the effects in order without holding the lock, so a TU or transport that calls back into
 * the layer cannot deadlock with it, and callbacks arrive in the order the machine decided them.
 * A transaction never takes another transaction's lock while holding its own: anything that
 * concerns another transaction is queued as an effect too. Timers are scheduled under the lock,
 * which is safe because a {@link TimerService} never runs a task inside {@code schedule}.
 *
 * <p>The lock is the transaction's own monitor rather than an object of its own: at 3,000 calls/s
 * some 300,000 finished transactions linger, and every object each keeps is one more for the
 * collector to trace. So a TU must not synchronize on the {@link ClientTransaction} or {@link
 * ServerTransaction} it holds.
 */
abstract class Transaction {

  private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

  final LayerContext context;
  final TransactionKey key;
  /** Whether the transport is reliable: no retransmissions, no absorption time (§17). */
  final boolean reliable;

  /**
   * Guarded by the lock: effects waiting to run, or null when none wait. Dropped when empty,
   * so that the many finished transactions lingering to absorb retransmissions hold no queue.
   */
  private ArrayDeque<Runnable> effects;
  /**
   * Guarded by the lock: the running timers, a list through {@link ArmedTimer#next}. A
   * machine runs two at most, so a list is the smallest map for them.
   */
  private ArmedTimer timers;
  /** Guarded by the lock: some thread is running the effects queue. */
  private boolean draining;
  /** Guarded by the lock: the armed timer kept in a {@link LingerTimers} lane, or null. */
  private SipTimer lingering;
  /** Guarded by the lock: the deadline of {@link #lingering}, which tells a stale entry. */
  private long lingerDeadline;

  Transaction(LayerContext context, TransactionKey key, boolean reliable) {
    this.context = context;
    this.key = key;
    this.reliable = reliable;
  }

  /** Runs {@code event} under the lock, then any effects it (or a racing event) queued. */
  final void handle(Runnable event) {
    synchronized (this) {
      event.run();
      if (draining || effects == null) {
        return;
      }
      draining = true;
    }
    drain();
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = effects == null ? null : effects.poll();
        if (next == null) {
          effects = null;
          draining = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.warn("effect of {} failed", key, e);
      }
    }
  }

  /** Timer {@code timer} fired while armed. Called under the lock. */
  abstract void timerFired(SipTimer timer);

  /** A message this transaction sent could not be sent (§17.1.4, §17.2.4). Under the lock. */
  abstract void transportFailed(Throwable cause);

  /** Ends the machine without telling anyone, when the layer closes. Under the lock. */
  abstract void abandon();

  /** Removes this transaction from the table. Under the lock. */
  abstract void unregister();

  /** Layer shutdown: stop timers, leave the table, report nothing. */
  final void shutdown() {
    handle(this::abandon);
  }

  /**
   * Queues sending {@code message}, encoded once by whoever built it; a failure comes back as
   * {@link #transportFailed}.
   */
  final void send(EncodedMessage message, Peer destination) {
    later(() -> transmit(message, destination));
  }

  /** A timer ran out before an answer came: what it sends next is a retransmission. */
  final void countRetransmission() {
    context.retransmissions().increment();
  }

  /** Queues a callback to run after the lock is released, in order with the other effects. */
  final void later(Runnable callback) {
    if (effects == null) {
      effects = new ArrayDeque<>(4);
    }
    effects.add(callback);
  }

  private void transmit(EncodedMessage message, Peer destination) {
    CompletionStage<Void> sent;
    try {
      sent = context.transport().send(message, destination);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(
        (ignored, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
            LOG.debug("send of {} to {} failed: {}", key, destination, cause.toString());
            handle(() -> transportFailed(cause));
          }
        });
  }

  /**
   * Arms {@code timer} with its initial value; a zero value fires it at once. A timer that
   * {@link SipTimer#lingers} goes into its lane of the layer's {@link LingerTimers}. Under the
   * lock.
   */
  final void arm(SipTimer timer) {
    Duration delay = timer.initial(context.settings(), reliable);
    if (delay.isZero()) {
      disarm(timer);
      timerFired(timer);
    } else if (timer.lingers()) {
      disarm(timer);
      if (lingering != null) {
        // one lane entry per transaction: no machine waits out two such timers at once
        throw new IllegalStateException(key + ": timer " + timer + " while " + lingering + " runs");
      }
      lingering = timer;
      lingerDeadline = context.lingers().lane(delay).arm(this);
    } else {
      arm(timer, delay);
    }
  }

  /** This transaction's lane entry came due; a stale one (cancelled, re-armed) does nothing. */
  final void lingerExpired(long deadline) {
    handle(
        () -> {
          if (lingering != null && lingerDeadline == deadline) {
            SipTimer timer = lingering;
            stopLingering();
            timerFired(timer);
          }
        });
  }

  /** Releases the lane timer, if one is armed. Under the lock. */
  private void stopLingering() {
    if (lingering != null) {
      context.lingers().lane(initial(lingering)).release();
      lingering = null;
    }
  }

  /** Arms (or re-arms) {@code timer} to fire after {@code delay}. Under the lock. */
  final void arm(SipTimer timer, Duration delay) {
    disarm(timer);
    ArmedTimer armed = new ArmedTimer(timer, timers);
    timers = armed;
    armed.timeout = context.timers().schedule(delay, armed);
  }

  /** Under the lock. */
  final void disarm(SipTimer timer) {
    if (lingering == timer) {
      stopLingering();
    }
    ArmedTimer armed = unlink(timer);
    if (armed != null) {
      armed.timeout.cancel();
    }
  }

  /** Takes {@code timer}'s entry out of the running list and returns it, or null. Under the lock. */
  private ArmedTimer unlink(SipTimer timer) {
    ArmedTimer previous = null;
    for (ArmedTimer armed = timers; armed != null; previous = armed, armed = armed.next) {
      if (armed.timer == timer) {
        if (previous == null) {
          timers = armed.next;
        } else {
          previous.next = armed.next;
        }
        armed.next = null;
        return armed;
      }
    }
    return null;
  }

  /** Stops every timer and leaves the table: the Terminated state's "destroy immediately". */
  final void end() {
    for (ArmedTimer armed = timers; armed != null; armed = armed.next) {
      armed.timeout.cancel();
    }
    timers = null;
    stopLingering();
    unregister();
  }

  final Duration initial(SipTimer timer) {
    return timer.initial(context.settings(), reliable);
  }

  final Duration next(SipTimer timer, Duration previous) {
    return timer.next(previous, context.settings());
  }

  /**
   * One scheduled firing. A firing that lost a race with {@link #disarm} or a re-arm finds itself
   * no longer in the map and does nothing.
   */
  private final class ArmedTimer implements Runnable {
    private final SipTimer timer;
    /** Guarded by the lock: the next running timer of this transaction, or null. */
    private ArmedTimer next;
    /** Written under the lock right after scheduling; the firing reads it under the lock. */
    private TimerService.Timeout timeout;

    ArmedTimer(SipTimer timer, ArmedTimer next) {
      this.timer = timer;
      this.next = next;
    }

    @Override
    public void run() {
      handle(
          () -> {
            if (running(timer) == this) {
              unlink(timer);
              timerFired(timer);
            }
          });
    }
  }

  /** The running entry of {@code timer}, or null. Under the lock. */
  private ArmedTimer running(SipTimer timer) {
    for (ArmedTimer armed = timers; armed != null; armed = armed.next) {
      if (armed.timer == timer) {
        return armed;
      }
    }
    return null;
  }
}
