/**
 * Call control: the transaction user that receives every SIP request the server gets. Knows the
 * SIP stack's transaction interfaces and the masking domain; never Netty or the parser.
 */
package io.callmask.server.call;
