package io.callmask.server.call;

import io.callmask.server.masking.Trunk;
import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.SipResponses;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;

/**
 * Builds the OPTIONS request that asks a trunk's gateway whether it is alive (RFC 3261 §11.1),
 * as a UAC request outside any dialog (§8.1.1): Request-URI and To the gateway itself, From this
 * node with a fresh tag, a fresh Call-ID, Max-Forwards 70, and Accept {@code application/sdp}, so
 * the gateway answers as it would an INVITE. No Via: the transaction layer pushes it. Stateless
 * and thread-safe.
 */
final class OptionsRequest {

  /** The user part of the From URI: it names the service, not a person. */
  static final String FROM_USER = "callmask";
  /** §8.1.1.6: the value a UAC starts with. */
  private static final int MAX_FORWARDS = 70;

  private OptionsRequest() {}

  /**
   * The OPTIONS for {@code trunk}'s gateway.
   *
   * @param ownHost the host this node advertises on the trunk's transport (Via, Contact)
   * @param sequence the CSeq number: the trunk's probe count, so probes can be told apart in traces
   */
  static Request to(Trunk trunk, String ownHost, long sequence) {
    AddressFactory addresses = SipResponses.addressFactory();
    HeaderFactory headers = SipHeaders.factory();
    try {
      SipURI gateway = addresses.createSipURI(null, trunk.gatewayHost());
      gateway.setPort(trunk.gatewayPort());
      if (trunk.transport().equals("tcp")) {
        gateway.setTransportParam("tcp");
      }
      Address from = addresses.createAddress(addresses.createSipURI(FROM_USER, ownHost));
      Address to = addresses.createAddress((SipURI) gateway.clone());
      Request options = SipResponses.messageFactory().createRequest(
          gateway,
          Request.OPTIONS,
          headers.createCallIdHeader(UUID.randomUUID() + "@" + ownHost),
          headers.createCSeqHeader(sequence, Request.OPTIONS),
          headers.createFromHeader(from, SipResponses.newTag()),
          headers.createToHeader(to, null),
          List.of(),
          headers.createMaxForwardsHeader(MAX_FORWARDS));
      options.setHeader(headers.createAcceptHeader("application", "sdp"));
      return options;
    } catch (ParseException | InvalidArgumentException e) {
      throw new IllegalArgumentException(
          "cannot build OPTIONS for trunk " + trunk.name() + ": " + e.getMessage(), e);
    }
  }
}
