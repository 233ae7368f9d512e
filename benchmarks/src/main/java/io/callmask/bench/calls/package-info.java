/**
 * The call benchmarks: JMH benchmarks of how many calls per second the queued call log persists
 * (scripts/bench-call-records.sh), and the helpers of scripts/bench-calls.sh, which provision a
 * running server with many sessions through its HTTP API and write SIPp's injection file.
 */
package io.callmask.bench.calls;
