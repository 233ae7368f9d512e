/**
 * JMH benchmarks of the masking engine on embedded H2: session creates per second and routing
 * lookup latency with many live sessions. Run through {@code scripts/bench-masking}.
 */
package io.callmask.bench.masking;
