package io.callmask.sip.codec;

import gov.nist.core.Host;
import gov.nist.javax.sip.header.ParametersHeader;
import gov.nist.javax.sip.header.Via;
import io.callmask.sip.message.SipResponses;
import java.util.Random;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Random changes a layer above the codec may make to a message through the JAIN SIP API before
 * sending it: display names, parameters (flag, empty, quoted), transports, URIs, Call-IDs, CSeq
 * numbers, reason phrases, added headers and bodies. For differential tests of the encoder.
 */
final class MessageEdits {

  private static final int KINDS = 16;

  private MessageEdits() {}

  /** One random change to {@code message}; a change the API refuses is skipped. */
  static void apply(Message message, Random random) {
    try {
      edit(message, random);
    } catch (Exception e) {
      // The API refused this value (a ParseException, or an argument it checks): no change.
    }
  }

  private static void edit(Message message, Random random) throws Exception {
    FromHeader from = (FromHeader) message.getHeader(FromHeader.NAME);
    ToHeader to = (ToHeader) message.getHeader(ToHeader.NAME);
    ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
    switch (random.nextInt(KINDS)) {
      case 0 -> from.getAddress().setDisplayName(random.nextBoolean() ? "Priv\u00e9" : "Anon");
      case 1 -> to.setParameter("x-" + random.nextInt(3), random.nextBoolean() ? null : "");
      case 2 -> ((ParametersHeader) from).setQuotedParameter("x-q", "a;b");
      case 3 -> via.setTransport(random.nextBoolean() ? "tls" : "SCTP");
      case 4 -> via.setParameter("received", "2001:db8::9");
      case 5 -> ((SipURI) from.getAddress().getURI()).setUser("+91" + random.nextInt(99_999));
      case 6 -> ((SipURI) to.getAddress().getURI()).setParameter("ob", null);
      case 7 -> ((CallIdHeader) message.getHeader(CallIdHeader.NAME))
          .setCallId("c" + random.nextInt(1_000_000) + (random.nextBoolean() ? "@h" : ""));
      case 8 -> ((CSeqHeader) message.getHeader(CSeqHeader.NAME))
          .setSeqNumber(random.nextInt(Integer.MAX_VALUE));
      case 9 -> {
        if (message instanceof Response response) {
          response.setReasonPhrase(random.nextBoolean() ? "" : "Ringing \u00e0 distance");
        } else {
          ((Request) message).setRequestURI(SipResponses.addressFactory()
              .createSipURI("u" + random.nextInt(100), "[2001:db8::7]"));
        }
      }
      case 10 -> message.addHeader(SipResponses.headerFactory().createHeader("Record-Route",
          "<sip:rr" + random.nextInt(9) + ".example.net;lr>"));
      case 11 -> {
        Address address = SipResponses.addressFactory().createAddress(
            "\"Masked\" <sip:+9100000" + random.nextInt(1000) + "@proxy.example.org>");
        ContactHeader contact = SipResponses.headerFactory().createContactHeader(address);
        message.setHeader(contact);
      }
      case 12 -> message.setContent("v=0\r\ns=" + random.nextInt(1000) + "\r\n",
          SipResponses.headerFactory().createContentTypeHeader("application", "sdp"));
      case 14 -> ((Via) via).getSentBy().setHost(new Host(random.nextBoolean()
          ? "2001:db8::3" : "[2001:db8::4]"));
      case 15 -> message.addHeader(SipResponses.headerFactory().createHeader(
          "P-Asserted-Identity",
          "\"Net\" <sip:+9100@proxy.example.org>;x-id=" + random.nextInt(9)));
      default -> ((HeaderAddress) to).setAddress(SipResponses.addressFactory().createAddress(
          SipResponses.addressFactory().createTelURL("+1555" + random.nextInt(9999))));
    }
  }
}
