/**
 * The local HTTP API (CONTRACT §5) on Netty: bearer-token authentication, routing, one JSON codec,
 * and errors as {@code {"error": CODE, "message": TEXT}}. Route handlers run on a worker pool,
 * never on the event loop, because they reach the store.
 *
 * <p>Knows the masking service and the event outbox it exposes; never the SIP stack or the store
 * directly.
 */
package io.callmask.server.http;
