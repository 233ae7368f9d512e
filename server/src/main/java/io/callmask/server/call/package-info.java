/**
 * Call control: the transaction user that receives every SIP request the server gets, the trunk
 * prober whose OPTIONS tell which trunks are down, and the failure counters per proxy number.
 * Knows the SIP stack's transaction interfaces and the masking domain; never Netty or the parser.
 */
package io.callmask.server.call;
