/**
 * Identifiers the server hands out for what it records (calls, events). Knows nothing of SIP,
 * JDBC or the domain.
 */
package io.callmask.server.ids;
