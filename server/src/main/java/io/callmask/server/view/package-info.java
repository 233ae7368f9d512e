/**
 * The JSON shapes of domain values that more than one outward-facing layer shows: the HTTP API
 * answers with them and the webhook events carry them, so a marketplace sees one shape for a
 * session or a call. Knows the masking and call-record domains and Jackson; never HTTP, the store
 * or the event outbox.
 */
package io.callmask.server.view;
