package io.callmask.server.call;

import io.callmask.server.calls.CallLog;
import io.callmask.sip.transaction.TimerService;
import io.callmask.sip.transaction.TransactionLayer;
import io.callmask.sip.transport.SipTransport;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What call control works with, given by the composition root (or a test).
 *
 * @param layer the transaction layer the controller is bound to as its user
 * @param transport the transport under it, for the addresses this node advertises
 * @param timers call timers (failover), the same service as the layer's
 * @param lookups where route lookups (blocking JDBC) run; may reject work when saturated
 * @param router finds a call's session and numbers
 * @param trunks the trunks' gateways and allowed sources
 * @param trunkStatus which trunks are down (their calls go straight to the backup)
 * @param callLog where call records go
 * @param outcomes where each leg's success or failure per proxy number goes
 * @param delays how long carriers' first responses take to reach call control
 * @param clock time for call records
 * @param settings failover timeout, default country
 * @param rewriter what crosses between legs
 * @param overload whether new calls are refused because callmask is behind its input
 */
public record CallServices(
    TransactionLayer layer,
    SipTransport transport,
    TimerService timers,
    Executor lookups,
    CallRouter router,
    TrunkDirectory trunks,
    TrunkStatus trunkStatus,
    CallLog callLog,
    NumberOutcomes outcomes,
    ResponseDelays delays,
    Clock clock,
    CallSettings settings,
    IdentityRewriter rewriter,
    Overload overload) {

  public CallServices {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(timers, "timers");
    Objects.requireNonNull(lookups, "lookups");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(trunks, "trunks");
    Objects.requireNonNull(trunkStatus, "trunkStatus");
    Objects.requireNonNull(callLog, "callLog");
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(delays, "delays");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(rewriter, "rewriter");
    Objects.requireNonNull(overload, "overload");
  }
}
