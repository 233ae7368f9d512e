package io.callmask.sip.transaction;

import io.callmask.sip.transport.SipTransport;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every transaction of one {@link TransactionLayer} shares: the transport below, the timers
 * (and the lanes of those that end a transaction's wait), their base values, the table it lives
 * in, the TU above, and the count of retransmissions its timers made. Immutable; its parts are
 * thread-safe.
 */
record LayerContext(
    SipTransport transport,
    TimerService timers,
    LingerTimers lingers,
    TimerSettings settings,
    TransactionTable table,
    TransactionUser user,
    LongAdder retransmissions) {

  LayerContext {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(timers, "timers");
    Objects.requireNonNull(lingers, "lingers");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(retransmissions, "retransmissions");
  }
}
