/**
 * The offline pool planner behind {@code callmask simulate}: replays a synthetic or recorded
 * workload through the real {@link io.callmask.server.masking.Allocator} over a pool that grows
 * on demand, and reports the pool each strategy needed against the lower bound. Pure: no store,
 * no network, no clock.
 */
package io.callmask.server.planner;
