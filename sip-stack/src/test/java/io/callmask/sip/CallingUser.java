package io.callmask.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import io.callmask.sip.transaction.ResponseListener;
import io.callmask.sip.transaction.TransactionLayer;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A minimal UAC core for end-to-end tests: places one call through a {@link TransactionLayer}
 * (INVITE, ACK of the 2xx, BYE) and collects what comes back. One call per instance; the test
 * thread drives it, the listeners run on stack threads and only queue.
 */
final class CallingUser {

  private final TransactionLayer layer;
  private final HostPort self;
  private final Transport transport;
  private final Peer far;
  private final String callId = UUID.randomUUID().toString();
  private final String fromTag = SipResponses.newTag();

  CallingUser(TransactionLayer layer, HostPort self, Transport transport, Peer far) {
    this.layer = layer;
    this.self = self;
    this.transport = transport;
    this.far = far;
  }

  /** Sends the INVITE and returns the final response, after checking a 180 came first. */
  Response invite() throws InterruptedException {
    Queue responses = new Queue();
    layer.sendRequest(request("INVITE sip:callmask@" + far() + uriTransport(), 1, "INVITE", null,
        AnsweringUser.SDP), far, responses);
    List<Integer> provisional = new ArrayList<>();
    Response last = responses.next();
    while (last.getStatusCode() < 200) {
      provisional.add(last.getStatusCode());
      last = responses.next();
    }
    assertThat(provisional).as("provisional responses").contains(Response.RINGING);
    return last;
  }

  /** Acknowledges {@code ok} (a 2xx of this call's INVITE) to its Contact. */
  void ack(Response ok) {
    layer.sendAck(inDialog(Request.ACK, 1, ok), far);
  }

  /** Hangs up the call {@code ok} established; returns the BYE's final response. */
  Response bye(Response ok) throws InterruptedException {
    Queue responses = new Queue();
    layer.sendRequest(inDialog(Request.BYE, 2, ok), far, responses);
    Response last;
    do {
      last = responses.next();
    } while (last.getStatusCode() < 200);
    return last;
  }

  private Request inDialog(String method, long cseq, Response ok) {
    String target = ((ContactHeader) ok.getHeader(ContactHeader.NAME)).getAddress().getURI()
        .toString();
    ToHeader to = (ToHeader) ok.getHeader(ToHeader.NAME);
    return request(method + " " + target, cseq, method, to.getTag(), null);
  }

  private Request request(String requestLine, long cseq, String method, String toTag,
      String sdp) {
    String body = sdp == null ? "" : sdp;
    String text = requestLine + " SIP/2.0\r\n"
        + "Max-Forwards: 70\r\n"
        + FromHeader.NAME + ": <sip:caller@" + self + ">;tag=" + fromTag + "\r\n"
        + ToHeader.NAME + ": <sip:callmask@" + far() + ">"
        + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
        + CallIdHeader.NAME + ": " + callId + "\r\n"
        + CSeqHeader.NAME + ": " + cseq + " " + method + "\r\n"
        + ContactHeader.NAME + ": <sip:caller@" + self + uriTransport() + ">\r\n"
        + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + body.length() + "\r\n"
        + "\r\n"
        + body;
    try {
      return SipResponses.messageFactory().createRequest(text);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private String far() {
    return far.remote().getHostString() + ":" + far.remote().getPort();
  }

  private String uriTransport() {
    return ";transport=" + transport.viaToken().toLowerCase(Locale.ROOT);
  }

  /** Responses of one client transaction, for the test thread to take with a timeout. */
  private static final class Queue implements ResponseListener {
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void onResponse(Response response) {
      events.add(response);
    }

    @Override
    public void onTimeout() {
      events.add("timeout");
    }

    @Override
    public void onTransportError(Throwable cause) {
      events.add(cause);
    }

    Response next() throws InterruptedException {
      Object event = events.poll(10, TimeUnit.SECONDS);
      assertThat(event).as("a response within 10 s").isInstanceOf(Response.class);
      return (Response) event;
    }
  }
}
