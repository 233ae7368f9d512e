/**
 * The JDBC store of the masking engine: embedded H2 by default, PostgreSQL for several nodes,
 * through HikariCP, with the schema created and migrated by Flyway ({@code db/callmask}). Only
 * parameterised SQL. Knows the masking domain's types, the event outbox's (it implements
 * {@code EventOutbox}) and the call records' (it implements {@code CallRecordStore}); knows
 * nothing of SIP or HTTP.
 */
package io.callmask.server.store;
