/**
 * The call benchmarks: JMH benchmarks of how many calls per second the queued call log persists
 * and what recording a finished call (its record and its call.completed event) costs
 * (scripts/bench-call-records.sh); the helpers of scripts/bench-calls.sh, which provision a
 * running server with many sessions through its HTTP API and write SIPp's injection file; and
 * those of scripts/bench-click-to-call.sh, which provision sessions and originate click-to-calls
 * through the API at a given rate.
 */
package io.callmask.bench.calls;
