/**
 * JMH benchmarks of call records: how many calls per second the queued call log persists to
 * embedded H2. Run through {@code scripts/bench-call-records.sh}.
 */
package io.callmask.bench.calls;
