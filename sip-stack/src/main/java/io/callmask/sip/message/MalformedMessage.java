package io.callmask.sip.message;

import java.util.Objects;
import java.util.Optional;
import javax.sip.message.Response;

/**
 * Input that is not a valid SIP message. {@code rejection} is the 400 to send back when enough of a
 * request could be read to form one (RFC 3261 §8.2, §16.3); otherwise the input is dropped and
 * counted.
 *
 * @param reason a short, log-safe description of what is wrong (no message content)
 */
public record MalformedMessage(String reason, Peer peer, Optional<Response> rejection)
    implements Inbound {

  public MalformedMessage {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(rejection, "rejection");
  }
}
