package io.callmask.sip.message;

import java.util.Objects;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** A well-formed SIP message that passed validation, with the peer it came from. */
public record InboundMessage(Message message, Peer peer) implements Inbound {

  public InboundMessage {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(peer, "peer");
  }

  public boolean isRequest() {
    return message instanceof Request;
  }

  public Request request() {
    return (Request) message;
  }

  public Response response() {
    return (Response) message;
  }
}
