package io.callmask.server.demo;

import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.CoreHeaders;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.TransactionLayer;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One call a simulated carrier places toward the server, as a UAC (RFC 3261 §13, §15): INVITE;
 * on a 2xx, ACK it at dialog level and hang up at once with BYE; the future completes with the
 * INVITE's final status (408 when nothing answered, 503 when it could not be sent). Callbacks
 * arrive on stack threads; the state they touch is confined to one call and written once.
 */
final class CallerSide implements ResponseListener {

  private static final String INVITE = String.join("\r\n",
      "INVITE sip:%1$s@%2$s SIP/2.0",
      "Max-Forwards: 70",
      "From: <sip:%3$s@%4$s>;tag=%5$s",
      "To: <sip:%1$s@%2$s>",
      "Call-ID: %6$s",
      "CSeq: 1 INVITE",
      "Contact: <sip:gateway@%4$s>",
      "Content-Type: application/sdp",
      "Content-Length: %7$d",
      "",
      "%8$s");

  private final TransactionLayer layer;
  private final Peer server;
  private final Request invite;
  private final CompletableFuture<Integer> outcome = new CompletableFuture<>();
  private volatile boolean answered;

  CallerSide(TransactionLayer layer, Peer server, String local, String caller, String dialed) {
    this.layer = layer;
    this.server = server;
    String sdp = Sdp.offer(local.substring(0, local.lastIndexOf(':')));
    String text = String.format(INVITE, dialed, server.remote().getHostString() + ":"
        + server.remote().getPort(), caller, local, SipResponses.newTag(),
        UUID.randomUUID() + "@" + local, sdp.length(), sdp);
    this.invite = DemoMessages.request(text);
  }

  CompletableFuture<Integer> start() {
    layer.sendRequest(invite, server, this);
    return outcome;
  }

  @Override
  public void onResponse(Response response) {
    int status = response.getStatusCode();
    if (status < 200) {
      return;
    }
    if (status >= 300) {
      outcome.complete(status);
      return;
    }
    if (answered) {
      return;
    }
    answered = true;
    Request ack = inDialog(Request.ACK, response, 1);
    layer.sendAck(ack, server);
    layer.sendRequest(inDialog(Request.BYE, response, 2), server, new ResponseListener() {
      @Override
      public void onResponse(Response byeResponse) {
        if (byeResponse.getStatusCode() >= 200) {
          outcome.complete(status);
        }
      }

      @Override
      public void onTimeout() {
        outcome.complete(status);
      }

      @Override
      public void onTransportError(Throwable cause) {
        outcome.complete(status);
      }
    });
  }

  @Override
  public void onTimeout() {
    outcome.complete(Response.REQUEST_TIMEOUT);
  }

  @Override
  public void onTransportError(Throwable cause) {
    outcome.complete(Response.SERVICE_UNAVAILABLE);
  }

  /** A request in the dialog the 2xx {@code answer} set up (§12.2.1.1). */
  private Request inDialog(String method, Response answer, long cseq) {
    Request request = (Request) invite.clone();
    try {
      request.setMethod(method);
      request.removeHeader(ContactHeader.NAME);
      request.removeContent();
      request.removeHeader("Content-Type");
      request.removeHeader("Via");
      CoreHeaders.cseq(request).setMethod(method);
      CoreHeaders.cseq(request).setSeqNumber(cseq);
      CoreHeaders.to(request).setTag(CoreHeaders.to(answer).getTag());
      ContactHeader target = (ContactHeader) answer.getHeader(ContactHeader.NAME);
      if (target != null) {
        request.setRequestURI((SipURI) target.getAddress().getURI().clone());
      }
      ListIterator<?> routes = answer.getHeaders(RecordRouteHeader.NAME);
      List<RecordRouteHeader> reversed = new ArrayList<>();
      routes.forEachRemaining(route -> reversed.add(0, (RecordRouteHeader) route));
      for (RecordRouteHeader route : reversed) {
        request.addHeader(SipHeaders.factory().createRouteHeader(route.getAddress()));
      }
    } catch (ParseException | InvalidArgumentException e) {
      throw new IllegalStateException("a dialog request built from valid parts", e);
    }
    return request;
  }
}
