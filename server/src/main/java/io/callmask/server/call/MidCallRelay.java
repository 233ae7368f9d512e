package io.callmask.server.call;

import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.ClientTransaction;
import io.callmask.sip.transaction.OutgoingRequest;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.ServerTransaction;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.header.RAckHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One request inside a dialog (re-INVITE, UPDATE, INFO, PRACK) passed from one leg to the other:
 * sent as a new client transaction in the other leg's dialog, its provisional (INVITE only) and
 * final responses relayed back into the original server transaction. A relayed 2xx to a
 * re-INVITE leaves an ACK owed on the original leg, which is then relayed across too (RFC 3261
 * §14). A PRACK's RAck names the INVITE of the leg it is sent on (RFC 3262 §7.2). A 481 or 408
 * answer means the other dialog is gone (§12.2.1.2): the call ends.
 *
 * <p>Confined to the call's serial context: the transaction's reports are queued there.
 */
final class MidCallRelay implements ResponseListener {

  private final BridgedCall call;
  final CallLeg from;
  final CallLeg to;
  final ServerTransaction inbound;
  private final boolean invite;
  private final boolean targetRefresh;
  private ClientTransaction outbound;
  /** The relayed request as sent: its transaction forgets it once answered. */
  private Request outboundRequest;
  private long outboundSeq;
  private boolean finished;

  MidCallRelay(BridgedCall call, CallLeg from, CallLeg to, ServerTransaction inbound) {
    this.call = call;
    this.from = from;
    this.to = to;
    this.inbound = inbound;
    String method = inbound.request().getMethod();
    this.invite = Request.INVITE.equals(method);
    this.targetRefresh = invite || Request.UPDATE.equals(method);
  }

  boolean isInvite() {
    return invite;
  }

  /** Sends the request across. False when it was answered here instead (no dialog, glare). */
  boolean start() {
    Request request = inbound.request();
    if (to.dialog == null) {
      answer(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
      return false;
    }
    if (invite && (from.inviteInProgress || to.inviteInProgress)) {
      answer(Response.REQUEST_PENDING);
      return false;
    }
    if (targetRefresh) {
      from.dialog.refreshTarget(request);
    }
    Request out = LegMessages.inDialog(to.dialog, request, LegMessages.maxForwards(request) - 1,
        targetRefresh ? call.context.contact(to.transport) : null,
        call.context.services.rewriter());
    outboundSeq = seq(out);
    if (Request.PRACK.equals(request.getMethod())) {
      mapRAck(request, out);
    }
    Optional<OutgoingRequest> prepared = call.signals.prepare(to, out, to.dialog.nextHop());
    if (prepared.isEmpty()) {
      answer(Response.SERVER_INTERNAL_ERROR);
      call.blocked(to);
      return false;
    }
    if (invite) {
      from.inviteInProgress = true;
      to.inviteInProgress = true;
      to.inviteSeq = outboundSeq;
    }
    outboundRequest = out;
    outbound = call.context.services.layer().send(prepared.get(), this);
    return true;
  }

  /** The original request was cancelled (a re-INVITE): cancel the relayed one, answer 487. */
  void cancel() {
    if (!finished && outbound != null) {
      call.context.services.layer().sendCancel(outbound, BridgedCall.IGNORED);
    }
  }

  @Override
  public void onResponse(Response response) {
    call.events.run(() -> response(response));
  }

  @Override
  public void onTimeout() {
    call.events.run(() -> failed(Response.REQUEST_TIMEOUT));
  }

  @Override
  public void onTransportError(Throwable cause) {
    call.events.run(() -> failed(Response.SERVICE_UNAVAILABLE));
  }

  private void response(Response response) {
    int status = response.getStatusCode();
    if (status == Response.TRYING) {
      return;
    }
    boolean success = status / 100 == 2;
    if (finished) {
      if (invite && success) {
        call.signals.resendAck(to, response);
      }
      return;
    }
    if (status < 200) {
      if (invite) {
        relay(status, response);
      }
      return;
    }
    end();
    if (success && targetRefresh) {
      to.dialog.refreshTarget(response);
    }
    if (success && invite) {
      from.awaitedAck = new CallLeg.PendingAck(seq(inbound.request()), to, outboundSeq);
    }
    relay(status, response);
    if (success && invite) {
      call.signals.acknowledgeAnswer(to, outboundSeq, outboundRequest);
    }
    if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST
        || status == Response.REQUEST_TIMEOUT) {
      call.dialogLost(to);
    }
  }

  private void failed(int status) {
    if (finished) {
      return;
    }
    end();
    answer(status);
    call.dialogLost(to);
  }

  private void end() {
    finished = true;
    if (invite) {
      from.inviteInProgress = false;
      to.inviteInProgress = false;
    }
    call.relayEnded(this);
  }

  private void relay(int status, Message source) {
    boolean withContact = targetRefresh && status > 100 && status < 300;
    Response back = LegMessages.response(inbound.request(), status, from.dialog.localTag(),
        source, withContact ? call.context.contact(from.transport) : null,
        call.context.services.rewriter());
    if (!call.signals.respond(inbound, back, from)) {
      answer(Response.SERVER_INTERNAL_ERROR);
      call.blocked(from);
    }
  }

  private void answer(int status) {
    inbound.respond(SipResponses.create(inbound.request(), status, from.dialog.localTag()));
  }

  private void mapRAck(Request request, Request out) {
    RAckHeader rack = (RAckHeader) request.getHeader(RAckHeader.NAME);
    if (rack == null) {
      return;
    }
    try {
      out.setHeader(SipHeaders.factory().createRAckHeader(
          rack.getRSeqNumber(), (int) to.inviteSeq, Request.INVITE));
    } catch (InvalidArgumentException | ParseException e) {
      throw new IllegalStateException("a received RAck maps to a valid one", e);
    }
  }

  private static long seq(Message message) {
    return CoreHeaders.cseq(message).getSeqNumber();
  }
}
