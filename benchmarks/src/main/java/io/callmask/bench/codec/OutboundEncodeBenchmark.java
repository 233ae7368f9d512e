package io.callmask.bench.codec;

import io.callmask.sip.codec.EncodedMessage;
import io.callmask.sip.message.SipResponses;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sip.InvalidArgumentException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link EncodedMessage#of}, the encoding every message the B2BUA sends goes
 * through, on the messages of one call's outgoing leg built as the server builds them (through
 * the JAIN SIP factories: an INVITE with P-Asserted-Identity, Contact, Allow and SDP, then the
 * 100, 180 and 200 responses, the ACK and the BYE). Unlike {@link CodecBenchmark}, which cycles
 * through 1,024 parsed INVITEs, these six messages stay in the CPU caches, as a message the
 * server has just built is likely to be. On a busy machine, {@code CodecCpuTime outbound} runs
 * the same operation timed by thread CPU time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OutboundEncodeBenchmark {

  private static final String SDP = "v=0\r\no=callmask 1847 1847 IN IP4 203.0.113.30\r\ns=-\r\n"
      + "c=IN IP4 203.0.113.31\r\nt=0 0\r\nm=audio 31456 RTP/AVP 8 0 101\r\n"
      + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
  private static final String[] ALLOWED = {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"};

  private Message[] messages;
  private int next;

  @Setup
  public void setUp() throws Exception {
    Request invite = invite();
    List<Message> call = new ArrayList<>();
    call.add(invite);
    call.add(SipResponses.create(invite, 100));
    call.add(SipResponses.create(invite, 180, "b2bua5f1c"));
    Response ok = SipResponses.create(invite, 200, "b2bua5f1c");
    ok.setContent(SDP, SipResponses.headerFactory().createContentTypeHeader("application", "sdp"));
    call.add(ok);
    call.add(inDialog(invite, Request.ACK));
    call.add(inDialog(invite, Request.BYE));
    messages = call.toArray(Message[]::new);
  }

  @Benchmark
  public int encode() {
    next = next == messages.length - 1 ? 0 : next + 1;
    return EncodedMessage.of(messages[next]).length();
  }

  private static Request invite() throws ParseException, InvalidArgumentException {
    AddressFactory addresses = SipResponses.addressFactory();
    HeaderFactory headers = SipResponses.headerFactory();
    SipURI requestUri = addresses.createSipURI("+918045001111", "198.51.100.5");
    requestUri.setPort(5060);
    SipURI fromUri = addresses.createSipURI("+918045009999", "203.0.113.30");
    List<ViaHeader> vias = new ArrayList<>();
    vias.add(headers.createViaHeader("203.0.113.30", 5060, "UDP", "z9hG4bK-cm-7d9f3c2e1a0b"));
    Request invite = SipResponses.messageFactory().createRequest(requestUri, Request.INVITE,
        headers.createCallIdHeader("cm-4f1e2d3c5b6a7988"),
        headers.createCSeqHeader(1L, Request.INVITE),
        headers.createFromHeader(addresses.createAddress(fromUri), "cm5f1c2d3e"),
        headers.createToHeader(addresses.createAddress(
            addresses.createSipURI("+918045001111", "198.51.100.5")), null),
        vias, headers.createMaxForwardsHeader(69));
    invite.addHeader(headers.createHeader("P-Asserted-Identity", "<" + fromUri + ">"));
    SipURI contact = addresses.createSipURI(null, "203.0.113.30");
    contact.setPort(5060);
    invite.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
    for (String method : ALLOWED) {
      invite.addHeader(headers.createAllowHeader(method));
    }
    invite.setContent(SDP, headers.createContentTypeHeader("application", "sdp"));
    return invite;
  }

  private static Request inDialog(Request invite, String method)
      throws ParseException, InvalidArgumentException {
    Request request = (Request) invite.clone();
    request.setMethod(method);
    request.removeHeader("P-Asserted-Identity");
    request.removeHeader("Allow");
    request.removeContent();
    request.setHeader(SipResponses.headerFactory().createCSeqHeader(
        method.equals(Request.ACK) ? 1L : 2L, method));
    ((javax.sip.header.ToHeader) request.getHeader("To")).setTag("b2bua5f1c");
    return request;
  }
}
