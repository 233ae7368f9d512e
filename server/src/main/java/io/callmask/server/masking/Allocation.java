package io.callmask.server.masking;

/** What {@link Allocator} chose for a new session: its numbers, or why there are none. */
public sealed interface Allocation permits NumberPlan, PoolExhausted {}
