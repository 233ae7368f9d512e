/**
 * The call benchmark's helpers (scripts/bench-calls.sh): provisioning a running server with many
 * sessions through its HTTP API, and writing SIPp's injection file of (caller, dialed) pairs.
 */
package io.callmask.bench.calls;
