package io.callmask.bench.codec;

import io.callmask.sip.codec.SipHeaders;
import io.callmask.sip.message.SipResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of building what the B2BUA builds for a call's outgoing leg: the INVITE (Call-ID,
 * CSeq, From with tag, To, Max-Forwards, P-Asserted-Identity, Contact, eight Allow methods), this
 * node's Via pushed on it, and the 200 answering it with Contact and Allow, made two ways:
 *
 * <ul>
 *   <li>{@code jain}: JAIN SIP's header factory, each header attached alone, P-Asserted-Identity
 *       through JAIN SIP's header parser, URIs from JAIN SIP's address factory (how callmask
 *       built them before {@link SipHeaders});
 *   <li>{@code callmask}: {@link SipHeaders}' factory, list headers attached as lists, URIs from
 *       {@link SipHeaders#sipUri}.
 * </ul>
 *
 * Both build the same messages (shown by {@code SipHeadersTest}). Encoding is left out: {@link
 * OutboundEncodeBenchmark} measures it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OutboundBuildBenchmark {

  private static final List<String> ALLOWED = List.of(Request.INVITE, Request.ACK,
      Request.CANCEL, Request.BYE, Request.OPTIONS, Request.UPDATE, Request.INFO, Request.PRACK);

  @Param({"jain", "callmask"})
  public String headers;

  @Benchmark
  public Response buildInviteAndAnswer() throws Exception {
    boolean ours = headers.equals("callmask");
    HeaderFactory factory = ours ? SipHeaders.factory() : SipResponses.headerFactory();
    AddressFactory addresses = SipResponses.addressFactory();
    SipURI requestUri = sipUri("+918045001111", "198.51.100.5", ours);
    requestUri.setPort(5060);
    SipURI toUri = sipUri("+918045001111", "198.51.100.5", ours);
    toUri.setPort(5060);
    SipURI fromUri = sipUri("+918045009999", "203.0.113.30", ours);
    Address from = addresses.createAddress(fromUri);
    Request invite = SipResponses.messageFactory().createRequest(requestUri, Request.INVITE,
        factory.createCallIdHeader("4f1e2d3c5b6a79884f1e2d3c5b6a7988"),
        factory.createCSeqHeader(1L, Request.INVITE),
        factory.createFromHeader(from, SipResponses.newTag()),
        factory.createToHeader(addresses.createAddress(toUri), null),
        new ArrayList<>(), factory.createMaxForwardsHeader(69));
    if (ours) {
      invite.addHeader(SipHeaders.assertedIdentity(addresses.createAddress(fromUri)));
    } else {
      invite.addHeader(factory.createHeader("P-Asserted-Identity", "<" + fromUri + ">"));
    }
    attach(invite, contact(factory, addresses, ours), ours);
    allow(invite, factory, ours);
    Header via = factory.createViaHeader("203.0.113.30", 5060, "UDP", "z9hG4bK-cm-7d9f3c2e1a0b");
    invite.addFirst(ours ? SipHeaders.listed(via) : via);

    Response ok = SipResponses.create(invite, Response.OK, "b2bua5f1c");
    attach(ok, contact(factory, addresses, ours), ours);
    allow(ok, factory, ours);
    return ok;
  }

  private static SipURI sipUri(String user, String host, boolean ours) throws Exception {
    return ours ? SipHeaders.sipUri(user, host)
        : SipResponses.addressFactory().createSipURI(user, host);
  }

  private static ContactHeader contact(HeaderFactory factory, AddressFactory addresses,
      boolean ours) throws Exception {
    SipURI uri = sipUri(null, "203.0.113.30", ours);
    uri.setPort(5060);
    return factory.createContactHeader(addresses.createAddress(uri));
  }

  private static void attach(javax.sip.message.Message message, Header header, boolean ours) {
    message.setHeader(ours ? SipHeaders.listed(header) : header);
  }

  private static void allow(javax.sip.message.Message message, HeaderFactory factory,
      boolean ours) throws Exception {
    if (ours) {
      message.addHeader(SipHeaders.allow(ALLOWED));
      return;
    }
    for (String method : ALLOWED) {
      message.addHeader(factory.createAllowHeader(method));
    }
  }
}
