/**
 * The server's configuration (CONTRACT §2): a properties file read once at start into validated
 * records. Every error names the key and the value that is wrong.
 */
package io.callmask.server.config;
