package io.callmask.sip.codec;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.ParametersHeader;
import io.callmask.sip.message.SipResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Messages as a B2BUA builds them through the JAIN SIP factories (INVITE, ACK, BYE, CANCEL and
 * their responses), generated from a seed with the variations an encoder meets: display names
 * (plain, empty, quoted characters, non-ASCII), IPv4, IPv6 (with and without brackets) and host
 * names, ports, sip, sips and tel URIs, URI headers and passwords, several Vias and Routes,
 * transports in either case, flag, empty and quoted parameters, wildcard and addr-spec Contacts,
 * other headers and bodies. Deterministic for a given seed.
 */
final class OutboundTraffic {

  private static final String[] METHODS = {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO"};
  private static final String[] HOSTS = {"203.0.113.20", "sbc.carrier.example.net",
      "[2001:db8::1]", "2001:db8:0:1::a5", "proxy.example.org", "10.0.0.1"};
  private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "udp", "tcp"};
  private static final String[] DISPLAY_NAMES = {null, "", "+919876543210", "Alice Carrier",
      "Zo\u00eb", "A \\\"B\\\"", "\u4e2d\u6587"};
  private static final int[] STATUSES = {100, 180, 183, 200, 202, 486, 487, 503};

  private final Random random;
  private final HeaderFactory headers = SipResponses.headerFactory();
  private final AddressFactory addresses = SipResponses.addressFactory();

  OutboundTraffic(long seed) {
    random = new Random(seed);
  }

  /** {@code count} requests, each followed by a response to it. */
  List<Message> messages(int count) throws Exception {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Request request = request(METHODS[random.nextInt(METHODS.length)]);
      messages.add(request);
      messages.add(response(request));
    }
    return messages;
  }

  private Request request(String method) throws Exception {
    List<ViaHeader> vias = new ArrayList<>();
    int viaCount = 1 + random.nextInt(3);
    for (int i = 0; i < viaCount; i++) {
      vias.add(via());
    }
    FromHeader from = headers.createFromHeader(address(), "tag" + random.nextInt(1_000_000));
    ToHeader to = headers.createToHeader(address(), random.nextBoolean() ? null : "t" + word());
    String callId = word() + (random.nextBoolean() ? "@" + pick(HOSTS) : "");
    Request request = SipResponses.messageFactory().createRequest(uri(), method,
        headers.createCallIdHeader(callId), headers.createCSeqHeader(
            (long) random.nextInt(Integer.MAX_VALUE), method),
        from, to, vias, headers.createMaxForwardsHeader(random.nextInt(71)));
    int routes = random.nextInt(3);
    for (int i = 0; i < routes; i++) {
      Address route = addresses.createAddress(sipUri(true));
      request.addHeader(headers.createRouteHeader(route));
    }
    if (random.nextBoolean()) {
      request.addHeader(contact());
    }
    if (random.nextInt(3) == 0) {
      request.addHeader(headers.createHeader("P-Asserted-Identity",
          "<sip:+91" + random.nextInt(1_000_000_000) + "@" + pick(HOSTS) + ">"));
    }
    if (random.nextInt(4) == 0) {
      request.addHeader(headers.createAllowHeader("INVITE"));
      request.addHeader(headers.createAllowHeader("BYE"));
      request.addHeader(headers.createHeader("X-Masked", "yes; reason=\"privacy\""));
    }
    if (method.equals("INVITE") && random.nextBoolean()) {
      ContentTypeHeader type = headers.createContentTypeHeader("application", "sdp");
      if (random.nextBoolean()) {
        ((ParametersHeader) type).setQuotedParameter("charset", "utf-8");
      }
      request.setContent("v=0\r\no=- 1 1 IN IP4 203.0.113.21\r\ns=\u00e9\r\n", type);
    }
    return request;
  }

  private Response response(Request request) throws Exception {
    int status = STATUSES[random.nextInt(STATUSES.length)];
    Response response = random.nextBoolean()
        ? SipResponses.create(request, status, "uas" + word())
        : SipResponses.create(request, status, "uas" + word(), random.nextBoolean() ? "" : "Fine");
    if (status > 100 && status < 300 && random.nextBoolean()) {
      RecordRouteHeader recordRoute = headers.createRecordRouteHeader(
          addresses.createAddress(sipUri(true)));
      response.addHeader(recordRoute);
      response.addHeader(contact());
    }
    return response;
  }

  private ViaHeader via() throws Exception {
    String host = pick(HOSTS);
    ViaHeader via = headers.createViaHeader(host, random.nextBoolean() ? 5060 : -1,
        pick(TRANSPORTS), "z9hG4bK" + word());
    switch (random.nextInt(5)) {
      case 0 -> via.setRPort();
      case 1 -> via.setReceived("192.0.2.7");
      case 2 -> via.setParameter("x-flag", null);
      case 3 -> ((ParametersHeader) via).setQuotedParameter("x-q", random.nextBoolean() ? "" : "a");
      default -> { }
    }
    return via;
  }

  private ContactHeader contact() throws Exception {
    if (random.nextInt(8) == 0) {
      return headers.createContactHeader();
    }
    ContactHeader contact = headers.createContactHeader(random.nextInt(4) == 0
        ? addresses.createAddress("sip:gw@" + pick(HOSTS)) : address());
    if (random.nextBoolean()) {
      contact.setExpires(random.nextInt(3600));
    }
    return contact;
  }

  private Address address() throws Exception {
    Address address = addresses.createAddress(uri());
    String displayName = pick(DISPLAY_NAMES);
    if (displayName != null) {
      address.setDisplayName(displayName);
    }
    return address;
  }

  private URI uri() throws Exception {
    return random.nextInt(6) == 0
        ? addresses.createTelURL("+91" + random.nextInt(1_000_000_000)) : sipUri(false);
  }

  private SipURI sipUri(boolean loose) throws Exception {
    String user = switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> "alice";
      default -> "+91" + random.nextInt(1_000_000_000);
    };
    SipURI uri = addresses.createSipURI(user, pick(HOSTS));
    if (random.nextBoolean()) {
      uri.setPort(5060 + random.nextInt(10));
    }
    if (loose) {
      uri.setLrParam();
    }
    switch (random.nextInt(7)) {
      case 0 -> uri.setParameter("user", "phone");
      case 1 -> uri.setTransportParam(random.nextBoolean() ? "udp" : "tcp");
      case 2 -> uri.setSecure(true);
      case 3 -> uri.setHeader("Subject", "hi");
      case 4 -> {
        if (user != null) {
          uri.setUserPassword("secret");
        }
      }
      case 5 -> ((SipUri) uri).setUriParm("maddr", 239);
      default -> { }
    }
    return uri;
  }

  private String word() {
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
