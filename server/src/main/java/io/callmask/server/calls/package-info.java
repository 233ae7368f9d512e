/**
 * Call records (CONTRACT §5 "A call looks like"): what happened to every forwarded and
 * click-to-call call, kept for the marketplace and the admin. Pure domain, like {@code masking}:
 * no Netty, no {@code javax.sip}, no {@code java.sql} types. Call control writes records through
 * {@link io.callmask.server.calls.CallLog}; the API reads them through {@link
 * io.callmask.server.calls.CallRecordStore}. {@link io.callmask.server.calls.QueuedCallLog} is
 * the log the server uses: it queues snapshots and writes them to the store on a thread of its
 * own, so that a SIP thread never waits for the database.
 */
package io.callmask.server.calls;
