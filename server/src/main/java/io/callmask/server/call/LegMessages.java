package io.callmask.server.call;

import io.callmask.server.dialog.Dialog;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.HostPort;
import io.callmask.sip.message.SipResponses;
import io.callmask.sip.message.Transport;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds the messages of one leg from scratch, so that nothing of the other leg comes along
 * except what the {@link IdentityRewriter} lets cross (CONTRACT §6): a new Call-ID and tags that
 * carry no information, the presented proxy number in From and P-Asserted-Identity, this node's
 * Contact. Stateless and thread-safe.
 */
final class LegMessages {

  /** The methods callmask accepts, for Allow headers (RFC 3261 §20.5). */
  static final List<String> ALLOWED_METHODS = List.of(
      Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE, Request.OPTIONS, Request.UPDATE,
      Request.INFO, Request.PRACK);

  private LegMessages() {}

  /** A Call-ID of 128 random bits: no host, no counter, nothing of the A-leg. */
  static String newCallId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }

  /**
   * An initial INVITE of a leg callmask places: to {@code target} through {@code gateway}, from
   * the {@code presented} proxy number (From and P-Asserted-Identity), Max-Forwards {@code
   * maxForwards}, a fresh Call-ID and From tag, this node's Contact, no body. What may cross from
   * the other leg is added by the caller.
   */
  static Request invite(PhoneNumber target, PhoneNumber presented, TrunkGateway gateway,
      HostPort advertised, int maxForwards) {
    AddressFactory addresses = SipResponses.addressFactory();
    HeaderFactory headers = SipHeaders.factory();
    try {
      SipURI requestUri = SipHeaders.sipUri(target.e164(), gateway.host());
      requestUri.setPort(gateway.port());
      if (gateway.peer().transport() == Transport.TCP) {
        requestUri.setTransportParam("tcp");
      }
      SipURI toUri = SipHeaders.sipUri(target.e164(), gateway.host());
      toUri.setPort(gateway.port());
      SipURI fromUri = SipHeaders.sipUri(presented.e164(), advertised.host());
      Address from = addresses.createAddress(fromUri);
      Request invite = SipResponses.messageFactory().createRequest(
          requestUri, Request.INVITE, headers.createCallIdHeader(newCallId()),
          headers.createCSeqHeader(1L, Request.INVITE),
          headers.createFromHeader(from, SipResponses.newTag()),
          headers.createToHeader(addresses.createAddress(toUri), null),
          new ArrayList<>(), headers.createMaxForwardsHeader(maxForwards));
      invite.addHeader(SipHeaders.assertedIdentity(addresses.createAddress(fromUri)));
      invite.addHeader(SipHeaders.listed(contact(advertised, gateway.peer().transport())));
      addAllow(invite);
      return invite;
    } catch (ParseException | InvalidArgumentException e) {
      throw new IllegalStateException("cannot build an outbound INVITE", e);
    }
  }

  /**
   * A request of {@code source}'s method in {@code dialog}, relaying what may cross from {@code
   * source}; {@code contact} (may be null) for target refreshes.
   */
  static Request inDialog(Dialog dialog, Request source, int maxForwards, ContactHeader contact,
      IdentityRewriter rewriter) {
    Request request = dialog.createRequest(source.getMethod());
    setMaxForwards(request, maxForwards);
    if (contact != null) {
      request.setHeader(SipHeaders.listed(contact));
    }
    rewriter.carryOver(source, request);
    return request;
  }

  /**
   * A response to {@code request} (received on one leg) with To tag {@code localTag} where the
   * request had none, relaying what may cross from {@code source} (may be null), with {@code
   * contact} (may be null).
   */
  static Response response(Request request, int status, String localTag, Message source,
      ContactHeader contact, IdentityRewriter rewriter) {
    Response response = SipResponses.create(request, status, localTag);
    if (contact != null) {
      response.setHeader(SipHeaders.listed(contact));
      if (status / 100 == 2 && Request.INVITE.equals(request.getMethod())) {
        addAllow(response);
      }
    }
    if (source != null) {
      rewriter.carryOver(source, response);
    }
    return response;
  }

  /** {@code <sip:host:port>}, with {@code ;transport=tcp} for TCP. */
  static ContactHeader contact(HostPort advertised, Transport transport) {
    try {
      SipURI uri = SipHeaders.sipUri(null, advertised.host());
      uri.setPort(advertised.port());
      if (transport == Transport.TCP) {
        uri.setTransportParam("tcp");
      }
      return SipHeaders.factory().createContactHeader(
          SipResponses.addressFactory().createAddress(uri));
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad advertised address " + advertised, e);
    }
  }

  /** How long a party refused with 503 should wait before trying again. */
  private static final int RETRY_AFTER_SECONDS = 5;

  /** Adds {@code Retry-After} to a 503 (RFC 3261 §21.5.4). */
  static void setRetryAfter(Response unavailable) {
    try {
      unavailable.setHeader(SipHeaders.factory().createRetryAfterHeader(
          RETRY_AFTER_SECONDS));
    } catch (InvalidArgumentException e) {
      throw new IllegalStateException("a positive Retry-After is valid", e);
    }
  }

  static void setMaxForwards(Request request, int maxForwards) {
    try {
      request.setHeader(SipHeaders.factory().createMaxForwardsHeader(maxForwards));
    } catch (InvalidArgumentException e) {
      throw new IllegalArgumentException("Max-Forwards " + maxForwards, e);
    }
  }

  /** The request's Max-Forwards, 70 when absent (RFC 3261 §8.1.1.6). */
  static int maxForwards(Request request) {
    MaxForwardsHeader header = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
    return header == null ? 70 : header.getMaxForwards();
  }

  static void addAllow(Message message) {
    message.addHeader(SipHeaders.allow(ALLOWED_METHODS));
  }
}
