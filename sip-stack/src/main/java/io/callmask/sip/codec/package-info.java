/**
 * The SIP codec (RFC 3261 §7, §18.3): framing of datagrams and streams, parsing through JAIN SIP's
 * reference parser (behind {@link io.callmask.sip.codec.SipParser}, the only class that names
 * {@code gov.nist.javax.sip.parser}), our own validation against RFC 3261 and the torture cases of
 * RFC 4475 §3.1, encoding back to bytes, and the headers the layers above build their messages
 * of ({@link io.callmask.sip.codec.SipHeaders}).
 *
 * <p>Malformed input becomes a {@link io.callmask.sip.message.MalformedMessage} value, never an
 * exception thrown through the pipeline. Knows Netty buffers and the message model; knows nothing
 * of sockets, transactions or masking.
 */
package io.callmask.sip.codec;
