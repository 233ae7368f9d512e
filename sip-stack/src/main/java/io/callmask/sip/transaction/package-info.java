/**
 * RFC 3261 §17 transactions, as amended by RFC 6026: the four state machines, their timers, and
 * the table that matches messages to them (§17.1.3, §17.2.3). The layer above receives requests
 * and stray messages through {@link io.callmask.sip.transaction.TransactionUser} and sends through
 * {@link io.callmask.sip.transaction.TransactionLayer}.
 *
 * <p>Knows the transport below it; knows nothing of dialogs' meaning, calls or masking.
 */
package io.callmask.sip.transaction;
