/**
 * The {@code callmask} command line (picocli): one class per command. Commands other than {@code
 * serve} are HTTP clients of a running server, never openers of its store.
 */
package io.callmask.server.cli;
