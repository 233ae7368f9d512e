/**
 * {@code callmask demo}: the whole product on one machine with nothing set up — a server on free
 * loopback ports with a temporary store, two simulated carriers built on the project's own SIP
 * stack, and a transcript of who dialed what and which caller ID each party saw. Uses the server
 * only from outside: SIP on its sockets and the HTTP API, as a real deployment would.
 */
package io.callmask.server.demo;
