package io.callmask.server.call;

import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TransactionUser;
import java.text.ParseException;
import java.util.List;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction user of the server: every request gets a final response here.
 *
 * <p>OPTIONS to the server is answered 200 from anyone (carriers use it as a keep-alive probe,
 * CONTRACT §6). Every other request must come from an address a trunk allows; until trunks are
 * provisioned none is, so they are refused with 403 and change nothing. Thread-safe: stateless.
 */
public final class CallController implements TransactionUser {

  private static final Logger log = LoggerFactory.getLogger(CallController.class);
  private static final List<String> ALLOWED_METHODS = List.of(
      Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE, Request.OPTIONS, Request.UPDATE,
      Request.INFO, Request.PRACK);

  @Override
  public void onRequest(ServerTransaction transaction) {
    Request request = transaction.request();
    if (Request.OPTIONS.equals(request.getMethod())) {
      transaction.respond(optionsAnswer(request));
      return;
    }
    log.debug("refusing {} from {}: no trunk allows it", request.getMethod(), transaction.peer());
    transaction.respond(SipResponses.create(request, Response.FORBIDDEN));
  }

  @Override
  public void onCancel(ServerTransaction invite, Request cancel) {
    invite.respond(SipResponses.create(invite.request(), Response.REQUEST_TERMINATED));
  }

  @Override
  public void onAck(Request ack, Peer from) {
    log.debug("ignoring ACK outside any dialog from {}", from);
  }

  @Override
  public void onStrayResponse(Response response, Peer from) {
    log.debug("ignoring stray {} from {}", response.getStatusCode(), from);
  }

  private static Response optionsAnswer(Request request) {
    Response ok = SipResponses.create(request, Response.OK);
    HeaderFactory headers = SipResponses.headerFactory();
    try {
      for (String method : ALLOWED_METHODS) {
        ok.addHeader(headers.createAllowHeader(method));
      }
      ok.setHeader(headers.createAcceptHeader("application", "sdp"));
    } catch (ParseException e) {
      throw new IllegalStateException("constant headers must parse", e);
    }
    return ok;
  }
}
