/**
 * JMH benchmarks of the SIP stack. Built into {@code benchmarks/target/benchmarks.jar}; run
 * through the scripts in {@code scripts/}, never as tests.
 */
package io.callmask.bench;
