/**
 * SIP dialogs (RFC 3261 §12): the state two user agents share for the life of a call (Call-ID,
 * tags, route set, remote target, CSeq numbers) and a table that finds a dialog from a message.
 * Knows the SIP stack's message types; nothing of masking, calls or Netty.
 */
package io.callmask.server.dialog;
