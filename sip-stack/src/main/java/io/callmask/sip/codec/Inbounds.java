package io.callmask.sip.codec;

import io.callmask.sip.message.Inbound;
import io.callmask.sip.message.InboundMessage;
import io.callmask.sip.message.MalformedMessage;
import io.callmask.sip.message.Peer;
import io.callmask.sip.message.SipResponses;
import java.util.Arrays;
import java.util.Optional;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Turns one framed message into what the decoders hand up: JAIN SIP's parser, then our validation,
 * which decides. A malformed request that still names its transaction gets a rejection: 400 (RFC
 * 3261 §21.4.1), or 505 for a SIP version other than 2.0 (§21.5.7, RFC 4475 §3.1.2.16).
 * Stateless, so thread-safe.
 */
final class Inbounds {

  private Inbounds() {}

  /**
   * Decodes one framed message: {@code bytes[0, headerEnd)} holds its start line and headers
   * (scanned into {@code block}), {@code body} its whole body.
   */
  static Inbound decode(HeaderBlock block, byte[] bytes, int headerEnd, byte[] body, Peer peer) {
    if (block.problem().isPresent()) {
      byte[] head = headerEnd == bytes.length ? bytes : Arrays.copyOf(bytes, headerEnd);
      return malformed(block.problem().get(), peer, Optional.of(head));
    }
    SipParser.Result parsed = SipParser.parse(block, body);
    // What the parser's fast path read is valid by construction: validation skips its values.
    Optional<String> problem =
        SipValidator.validate(block, parsed.plainStartLine(), parsed.plainFields());
    if (problem.isEmpty() && parsed.isComplete()) {
      return new InboundMessage(parsed.message().orElseThrow(), peer);
    }
    String reason = problem.or(parsed::failure).orElseThrow();
    return new MalformedMessage(reason, peer, rejection(parsed.message(), reason));
  }

  /**
   * Input that failed framing or splitting; {@code readable}, when present, holds at least the
   * message's headers, from which a rejection may be formed.
   */
  static MalformedMessage malformed(String reason, Peer peer, Optional<byte[]> readable) {
    Optional<Message> partial = readable.flatMap(SipParser::parseLeniently);
    return new MalformedMessage(reason, peer, rejection(partial, reason));
  }

  /**
   * The response to a malformed request whose Via, From, To, Call-ID and CSeq could be read;
   * nothing for responses (never answered) and ACKs (which get no response, §17.2.1).
   */
  private static Optional<Response> rejection(Optional<Message> partial, String reason) {
    if (partial.isEmpty() || !(partial.get() instanceof Request request)
        || Request.ACK.equals(request.getMethod()) || !namesTransaction(request)) {
      return Optional.empty();
    }
    try {
      if (reason.equals(StartLines.UNSUPPORTED_VERSION)) {
        return Optional.of(SipResponses.create(request, Response.VERSION_NOT_SUPPORTED));
      }
      return Optional.of(SipResponses.create(request, Response.BAD_REQUEST,
          SipResponses.newTag(), "Bad Request (" + reason + ")"));
    } catch (RuntimeException e) {
      // What the parser kept may still be too broken to copy into a response.
      return Optional.empty();
    }
  }

  private static boolean namesTransaction(Request request) {
    return request.getHeader(ViaHeader.NAME) != null && request.getHeader(FromHeader.NAME) != null
        && request.getHeader(ToHeader.NAME) != null && request.getHeader(CallIdHeader.NAME) != null
        && request.getHeader(CSeqHeader.NAME) != null;
  }
}
