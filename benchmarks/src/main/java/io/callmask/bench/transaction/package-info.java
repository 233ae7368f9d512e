/**
 * JMH benchmarks of the transaction layer alone: what matching, state machines and timers cost per
 * message, on an in-memory transport that sends nothing.
 */
package io.callmask.bench.transaction;
