/**
 * The event stream to the marketplace (CONTRACT §7): events are recorded in a durable outbox
 * with a per-session sequence number, and a background deliverer POSTs them, HMAC-signed, to
 * {@code webhook.url} in sequence order per session, at least once, retrying with backoff until
 * they are delivered or dead.
 *
 * <p>Knows the masking domain (it listens to session changes) and the shared JSON views; never
 * the HTTP API, the SIP stack or SQL: the outbox is an interface the store implements. Delivery
 * runs on its own threads, never on a Netty event loop, so a slow marketplace delays nothing else.
 */
package io.callmask.server.events;
