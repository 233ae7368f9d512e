package io.callmask.server.call;

import io.callmask.server.dialog.Dialog;
import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Transport;

/**
 * One side of a bridged call: its dialog with a carrier, the guard every message toward that
 * carrier passes, and the ACK bookkeeping of the INVITEs relayed across. Not thread-safe: confined
 * to its call's serial context (the controller only reads {@link #call}).
 */
final class CallLeg {

  /** Which party the leg reaches. */
  enum Role {
    /**
     * The A-leg: the party that dialed, through its carrier; in a click-to-call, the party that
     * asked for the call, called first.
     */
    CALLER,
    /** The B-leg: the other party, called through the trunk of the number presented to it. */
    CALLEE
  }

  /**
   * An ACK this leg's party owes for a 2xx callmask relayed to it (its INVITE had CSeq {@code
   * seq}); when it comes, the 2xx of the INVITE with CSeq {@code otherSeq} on {@code other} is
   * acknowledged in turn.
   */
  record PendingAck(long seq, CallLeg other, long otherSeq) {}

  final BridgedCall call;
  final Role role;
  Dialog dialog;
  /** Set once the call is routed: what must never reach this leg's party. */
  PrivacyGuard guard;
  Transport transport;
  PendingAck awaitedAck;
  /** The bytes of the last ACK sent on this leg, re-sent when its 2xx is retransmitted. */
  EncodedMessage sentAck;
  long sentAckSeq = -1;
  /** CSeq of the last INVITE callmask sent on this leg (RAck of a relayed PRACK names it). */
  long inviteSeq = -1;
  /** An INVITE transaction is under way across this leg (a second one is refused 491). */
  boolean inviteInProgress;
  boolean byeSent;

  CallLeg(BridgedCall call, Role role) {
    this.call = call;
    this.role = role;
  }

  boolean isConfirmed() {
    return dialog != null && dialog.isConfirmed();
  }
}
