package io.callmask.server.call;

import io.callmask.server.dialog.Dialog;
import io.callmask.server.dialog.DialogId;
import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.transaction.OutgoingRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The 2xx responses a call does not want: from an attempt it gave up (a late answer after
 * failover or CANCEL) or from a second fork. Each such dialog is acknowledged, as every 2xx must
 * be, and hung up at once (RFC 3261 §13.2.2.4); its retransmissions get the same ACK again.
 * Confined to the call's serial context.
 */
final class StrayDialogs {

  private record Acked(EncodedMessage ack, Peer hop) {}

  private final CalleeAttempts attempts;
  private Map<DialogId, Acked> acked;

  StrayDialogs(CalleeAttempts attempts) {
    this.attempts = attempts;
  }

  void hangUp(OutboundAttempt from, Response success) {
    DialogId id = DialogId.ofResponse(success);
    if (acked != null && acked.containsKey(id)) {
      Acked earlier = acked.get(id);
      attempts.call.context.services.layer().sendStateless(earlier.ack(), earlier.hop());
      return;
    }
    Dialog dialog = Dialog.asUac(from.request, success, from.gateway.peer());
    BridgedCall call = attempts.call;
    Request ack = dialog.createAck(BridgedCall.seq(from.request));
    LegSignals.refuseOffer(ack, from.request, success,
        call.context.advertised(from.gateway.peer().transport()).host());
    Request bye = dialog.createRequest(Request.BYE);
    Peer hop = dialog.nextHop();
    Optional<OutgoingRequest> preparedAck = call.signals.prepare(attempts.leg, ack, hop);
    Optional<OutgoingRequest> preparedBye = preparedAck.isEmpty() ? Optional.empty()
        : call.signals.prepare(attempts.leg, bye, hop);
    if (preparedBye.isEmpty()) {
      return;
    }
    call.context.services.layer().sendAck(preparedAck.get());
    call.context.services.layer().send(preparedBye.get(), BridgedCall.IGNORED);
    if (acked == null) {
      acked = new HashMap<>(2);
    }
    acked.put(id, new Acked(preparedAck.get().encoded().withoutSource(), hop));
  }
}
