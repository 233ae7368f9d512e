/**
 * Call control (CONTRACT §6): the transaction user that receives every SIP request the server
 * gets ({@link io.callmask.server.call.CallController}) and the masked calls it runs as a
 * back-to-back user agent: the caller's leg and the callee's leg are separate dialogs, only what
 * the {@link io.callmask.server.call.IdentityRewriter} allows crosses between them, a privacy
 * guard checks every message last, and the callee is tried through the primary trunk, then once
 * through the backup. Also the trunk prober whose OPTIONS tell which trunks are down, the
 * failure counters per proxy number and the policies fed by call outcomes. Knows the SIP stack's transaction interfaces, the dialog package and the
 * masking and call-record domains; never Netty, the parser or the store (route lookups are
 * blocking and run on their own executor).
 */
package io.callmask.server.call;
