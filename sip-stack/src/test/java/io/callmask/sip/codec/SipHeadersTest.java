package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import gov.nist.javax.sip.header.HeaderFactoryExt;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import io.callmask.sip.message.SipResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SipHeadersTest {

  private static final HeaderFactoryImpl JAIN = new HeaderFactoryImpl();
  private static final AddressFactory ADDRESSES = SipResponses.addressFactory();

  /** One header of each kind the prototype factory makes, by a factory given to it. */
  interface Making {
    Header make(HeaderFactory factory) throws Exception;
  }

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("Call-ID", (Making) f -> f.createCallIdHeader("a84b4c76e66710")),
        Arguments.of("CSeq", (Making) f -> f.createCSeqHeader(314159L, Request.INVITE)),
        Arguments.of("From", (Making) f -> f.createFromHeader(address("+918045009999"), "9fxced76sl")),
        Arguments.of("From without tag", (Making) f -> f.createFromHeader(address("+9180"), null)),
        Arguments.of("To", (Making) f -> f.createToHeader(address("+918045001111"), "314159")),
        Arguments.of("To without tag", (Making) f -> f.createToHeader(address("+9180"), null)),
        Arguments.of("Max-Forwards", (Making) f -> f.createMaxForwardsHeader(69)),
        Arguments.of("Contact", (Making) f -> f.createContactHeader(address(null))),
        Arguments.of("Route", (Making) f -> f.createRouteHeader(address(null))),
        Arguments.of("Record-Route", (Making) f -> f.createRecordRouteHeader(address(null))),
        Arguments.of("Allow", (Making) f -> f.createAllowHeader(Request.PRACK)),
        Arguments.of("Supported", (Making) f -> f.createSupportedHeader("100rel")),
        Arguments.of("Require", (Making) f -> f.createRequireHeader("timer")),
        Arguments.of("Content-Type", (Making) f -> f.createContentTypeHeader("application", "sdp")),
        Arguments.of("Via", (Making) f -> f.createViaHeader("203.0.113.30", 5060, "UDP",
            "z9hG4bK776asdhds")),
        Arguments.of("Via without branch", (Making) f -> f.createViaHeader("pbx.example.com",
            5070, "TCP", null)),
        Arguments.of("Via on IPv6", (Making) f -> f.createViaHeader("2001:db8::9", 5060, "UDP",
            "z9hG4bK776asdhds")),
        Arguments.of("P-Asserted-Identity", (Making) f ->
            ((HeaderFactoryExt) f).createPAssertedIdentityHeader(address("+918045009999"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void makesWhatJainSipsFactoryMakes(String kind, Making making) throws Exception {
    Header ours = making.make(SipHeaders.factory());
    Header theirs = making.make(JAIN);

    assertThat(ours).isExactlyInstanceOf(theirs.getClass());
    assertThat(ObjectGraphs.differences(ours, theirs)).isEmpty();
    assertThat(ours.toString()).isEqualTo(theirs.toString());
  }

  static Stream<Arguments> badArguments() {
    return Stream.of(
        Arguments.of("null Call-ID", (Making) f -> f.createCallIdHeader(null)),
        Arguments.of("negative CSeq", (Making) f -> f.createCSeqHeader(-1L, Request.BYE)),
        Arguments.of("CSeq without method", (Making) f -> f.createCSeqHeader(1L, null)),
        Arguments.of("From without address", (Making) f -> f.createFromHeader(null, "a")),
        Arguments.of("To without address", (Making) f -> f.createToHeader(null, "a")),
        Arguments.of("Max-Forwards 256", (Making) f -> f.createMaxForwardsHeader(256)),
        Arguments.of("Max-Forwards -1", (Making) f -> f.createMaxForwardsHeader(-1)),
        Arguments.of("Contact without address", (Making) f -> f.createContactHeader(null)),
        Arguments.of("Route without address", (Making) f -> f.createRouteHeader(null)),
        Arguments.of("Allow without method", (Making) f -> f.createAllowHeader(null)),
        Arguments.of("Supported without tag", (Making) f -> f.createSupportedHeader(null)),
        Arguments.of("Content-Type without subtype",
            (Making) f -> f.createContentTypeHeader("application", null)),
        Arguments.of("Via without host", (Making) f -> f.createViaHeader(null, 5060, "UDP", "b")),
        Arguments.of("Via with bad port", (Making) f -> f.createViaHeader("h", -7, "UDP", "b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badArguments")
  void refusesWhatJainSipsFactoryRefuses(String kind, Making making) {
    Throwable ours = catchThrowable(() -> making.make(SipHeaders.factory()));
    Throwable theirs = catchThrowable(() -> making.make(JAIN));

    assertThat(theirs).as("JAIN SIP refuses it").isNotNull();
    assertThat(ours).isExactlyInstanceOf(theirs.getClass()).hasMessage(theirs.getMessage());
  }

  @Test
  void aListedHeaderAttachesAsTheLoneHeaderWould() throws Exception {
    Request listed = request();
    Request alone = request();
    HeaderFactory headers = SipHeaders.factory();

    listed.addFirst(SipHeaders.listed(headers.createViaHeader("192.0.2.4", 5062, "UDP", "z9hG4bKa")));
    alone.addFirst(headers.createViaHeader("192.0.2.4", 5062, "UDP", "z9hG4bKa"));
    for (String host : List.of("edge1.example.net", "edge2.example.net")) {
      listed.addLast(SipHeaders.listed(headers.createRouteHeader(address(null, host))));
      alone.addLast(headers.createRouteHeader(address(null, host)));
    }
    listed.setHeader(SipHeaders.listed(headers.createContactHeader(address(null))));
    alone.setHeader(headers.createContactHeader(address(null)));
    listed.addHeader(SipHeaders.listed(headers.createSupportedHeader("timer")));
    alone.addHeader(headers.createSupportedHeader("timer"));

    assertThat(ObjectGraphs.differences(listed, alone)).isEmpty();
    assertThat(listed.toString()).isEqualTo(alone.toString())
        .contains("Via: SIP/2.0/UDP 192.0.2.4:5062;branch=z9hG4bKa,SIP/2.0/UDP 203.0.113.30")
        .contains("Route: <sip:edge1.example.net;lr>,<sip:edge2.example.net;lr>");
  }

  @Test
  void leavesAHeaderOfNoListKindAsItIs() throws Exception {
    Header maxForwards = SipHeaders.factory().createMaxForwardsHeader(70);

    assertThat(SipHeaders.listed(maxForwards)).isSameAs(maxForwards);
  }

  @Test
  void allowIsOneListOfTheMethodsInOrder() throws Exception {
    List<String> methods = List.of(Request.INVITE, Request.ACK, Request.BYE, Request.PRACK);
    Request listed = request();
    Request oneByOne = request();

    listed.addHeader(SipHeaders.allow(methods));
    for (String method : methods) {
      oneByOne.addHeader(JAIN.createAllowHeader(method));
    }

    assertThat(ObjectGraphs.differences(listed, oneByOne)).isEmpty();
    assertThat(listed.toString()).contains("Allow: INVITE,ACK,BYE,PRACK\r\n");
  }

  @Test
  void assertedIdentityReadsAsTheParsedHeaderDoes() throws Exception {
    Address identity = address("+918045009999");
    Request built = request();
    Request parsed = request();

    built.addHeader(SipHeaders.assertedIdentity(identity));
    parsed.addHeader(JAIN.createHeader("P-Asserted-Identity", "<" + identity.getURI() + ">"));

    assertThat(built.toString()).isEqualTo(parsed.toString())
        .contains("P-Asserted-Identity: <sip:+918045009999@203.0.113.30>\r\n");
  }

  @Test
  void refusesToAssertNoIdentity() {
    assertThatThrownBy(() -> SipHeaders.assertedIdentity(null))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest(name = "{0} @ {1}")
  @CsvSource(nullValues = "null", value = {
      "+918045001111, 198.51.100.5",
      "null, 198.51.100.5",
      "alice, carrier.example",
      "b2bua, 127.0.0.1",
      // Outside the plain forms: JAIN SIP's factory makes these.
      "+918045001111, ::1",
      "+918045001111, [2001:db8::1]",
      "al%20ice, carrier.example",
      "alice, Carrier.Example",
      "alice;x=1, carrier.example",
      "alice, a;b",
      "alice, bad host",
  })
  void sipUriIsTheAddressFactorysUri(String user, String host) throws Exception {
    SipURI ours = SipHeaders.sipUri(user, host);
    SipURI theirs = ADDRESSES.createSipURI(user, host);

    assertThat(ObjectGraphs.differences(ours, theirs)).isEmpty();
    assertThat(ours.toString()).isEqualTo(theirs.toString());
  }

  @ParameterizedTest(name = "{0} @ {1}")
  @CsvSource(nullValues = "null", value = {"alice, null", "alice, ''", "alice, <", "alice, a@b", "alice, [x"})
  void sipUriRefusesWhatTheAddressFactoryRefuses(String user, String host) {
    Throwable theirs = catchThrowable(() -> ADDRESSES.createSipURI(user, host));
    Throwable ours = catchThrowable(() -> SipHeaders.sipUri(user, host));

    assertThat(theirs).isNotNull();
    assertThat(ours).isInstanceOf(theirs.getClass()).hasMessage(theirs.getMessage());
  }

  private static Request request() throws Exception {
    HeaderFactory headers = SipResponses.headerFactory();
    SipURI target = ADDRESSES.createSipURI("+918045001111", "198.51.100.5");
    List<javax.sip.header.ViaHeader> vias = new ArrayList<>();
    vias.add(headers.createViaHeader("203.0.113.30", 5060, "UDP", "z9hG4bK-first"));
    return SipResponses.messageFactory().createRequest(target, Request.INVITE,
        headers.createCallIdHeader("a84b4c76e66710"), headers.createCSeqHeader(1L, Request.INVITE),
        headers.createFromHeader(address("+918045009999"), "9fxced76sl"),
        headers.createToHeader(address("+918045001111"), null), vias,
        headers.createMaxForwardsHeader(70));
  }

  private static Address address(String user) throws Exception {
    return address(user, "203.0.113.30");
  }

  private static Address address(String user, String host) throws Exception {
    SipURI uri = ADDRESSES.createSipURI(user, host);
    if (user == null) {
      uri.setLrParam();
    }
    return ADDRESSES.createAddress(uri);
  }
}
