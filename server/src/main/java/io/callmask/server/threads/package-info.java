/**
 * How the operating system schedules the server's threads: background work (writing call records
 * and events, the store's own writers, housekeeping) yields the cores to the SIP threads. Knows
 * nothing of SIP, JDBC or the domain; only thread names.
 */
package io.callmask.server.threads;
