/**
 * JMH benchmarks of the SIP codec: decoding (framing, validation, parsing) and encoding of a
 * realistic carrier INVITE. Run from {@code benchmarks.jar}, never as part of the tests.
 */
package io.callmask.bench.codec;
