/**
 * The masking domain: proxy-number allocation rules and sessions (CONTRACT §4). Pure: no Netty,
 * no {@code javax.sip}, no {@code java.sql} types.
 */
package io.callmask.server.masking;
