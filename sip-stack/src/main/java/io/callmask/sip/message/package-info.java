/**
 * The SIP message model the layers of the stack share: where a message came from ({@link
 * io.callmask.sip.message.Peer}), what the codec produced ({@link io.callmask.sip.message.Inbound}),
 * and factories for responses and branch ids.
 *
 * <p>Messages are JAIN SIP's {@code javax.sip.message} interfaces; nothing here or above the codec
 * names a {@code gov.nist} type. This package knows nothing of Netty channels, transactions or
 * masking.
 */
package io.callmask.sip.message;
