/**
 * RFC 3261 §17 transactions, as amended by RFC 6026: the four state machines, their timers, and
 * the table that matches messages to them (§17.1.3, §17.2.3). The layer above receives requests
 * and stray messages through {@link io.callmask.sip.transaction.TransactionUser} and sends through
 * {@link io.callmask.sip.transaction.TransactionLayer}.
 *
 * <p>Beyond the bare machines, the layer does for its TU what every UA core needs: it answers
 * CANCEL (§9.2) and merged requests (§8.2.2.2, with 482), holds a client CANCEL until a provisional
 * arrives (§9.1), and on UDP retransmits the 2xx of an INVITE until the dialog's ACK (§13.3.1.4).
 * Requests whose branch lacks the magic cookie (RFC 2543 peers) are matched by an approximation of
 * the §17.2.3 fallback, see {@code TransactionKey}.
 *
 * <p>Threading: every transaction serialises its events under its own lock and runs sends and
 * callbacks after releasing it, in order; nothing blocks. Timers come from an injected {@link
 * io.callmask.sip.transaction.TimerService}, so tests drive them by hand.
 *
 * <p>Knows the transport below it; knows nothing of dialogs' meaning, calls or masking.
 */
package io.callmask.sip.transaction;
