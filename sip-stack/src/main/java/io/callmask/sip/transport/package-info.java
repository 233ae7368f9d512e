/**
 * SIP transports on Netty (RFC 3261 §18): UDP and TCP listeners, the connection table, where
 * responses go (§18.2.2, RFC 3581), and the hand-over of decoded messages to the layer above
 * through {@link io.callmask.sip.transport.InboundListener}.
 *
 * <p>Knows the codec below it; knows nothing of transactions, dialogs or masking.
 */
package io.callmask.sip.transport;
