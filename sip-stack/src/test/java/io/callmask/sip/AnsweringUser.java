package io.callmask.sip;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TransactionUser;
import io.callmask.sip.transport.SipTransport;
import java.text.ParseException;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A minimal UAS core for end-to-end tests: answers INVITE with 180 then 200 carrying SDP and a
 * Contact, absorbs the ACK, answers BYE (and anything else) with 200, CANCELled INVITEs with 487.
 * Records what it saw, by method, for the test to check. Thread-safe: it keeps no call state.
 */
final class AnsweringUser implements TransactionUser {

  static final String SDP = "v=0\r\n"
      + "o=callmask 1 1 IN IP4 127.0.0.1\r\n"
      + "s=-\r\n"
      + "c=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\n"
      + "m=audio 40000 RTP/AVP 0\r\n"
      + "a=rtpmap:0 PCMU/8000\r\n";

  private final SipTransport transport;
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

  AnsweringUser(SipTransport transport) {
    this.transport = transport;
  }

  /** Methods of the requests and ACKs received, in order. */
  BlockingQueue<String> seen() {
    return seen;
  }

  @Override
  public void onRequest(ServerTransaction transaction) {
    Request request = transaction.request();
    seen.add(request.getMethod());
    if (Request.INVITE.equals(request.getMethod())) {
      String tag = SipResponses.newTag();
      transaction.respond(SipResponses.create(request, Response.RINGING, tag));
      transaction.respond(answer(request, tag, transaction.peer()));
    } else {
      transaction.respond(SipResponses.create(request, Response.OK));
    }
  }

  @Override
  public void onCancel(ServerTransaction invite, Request cancel) {
    seen.add(Request.CANCEL);
    invite.respond(SipResponses.create(invite.request(), Response.REQUEST_TERMINATED));
  }

  @Override
  public void onAck(Request ack, Peer from) {
    seen.add(Request.ACK);
  }

  @Override
  public void onStrayResponse(Response response, Peer from) {
    seen.add("stray " + response.getStatusCode());
  }

  private Response answer(Request invite, String tag, Peer peer) {
    Response ok = SipResponses.create(invite, Response.OK, tag);
    HeaderFactory headers = SipResponses.headerFactory();
    HostPort self = transport.advertised(peer.transport());
    try {
      ok.addHeader(headers.createHeader(ContactHeader.NAME, "<sip:callmask@" + self
          + ";transport=" + peer.transport().viaToken().toLowerCase(Locale.ROOT) + ">"));
      ContentTypeHeader sdp = headers.createContentTypeHeader("application", "sdp");
      ok.setContent(SDP, sdp);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    return ok;
  }
}
