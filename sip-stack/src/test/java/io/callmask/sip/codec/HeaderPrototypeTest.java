package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.Expires;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.Require;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.Supported;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.extensions.SessionExpires;
import gov.nist.javax.sip.header.ims.PAssertedIdentity;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sip.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeaderPrototypeTest {

  static Stream<Arguments> prototypes() {
    return Stream.of(
        kind(HeaderPrototype.VIA, Via::new),
        kind(HeaderPrototype.FROM, From::new),
        kind(HeaderPrototype.TO, To::new),
        kind(HeaderPrototype.CONTACT, Contact::new),
        kind(HeaderPrototype.ROUTE, Route::new),
        kind(HeaderPrototype.RECORD_ROUTE, RecordRoute::new),
        kind(HeaderPrototype.P_ASSERTED_IDENTITY, PAssertedIdentity::new),
        kind(HeaderPrototype.CALL_ID, CallID::new),
        kind(HeaderPrototype.CSEQ, CSeq::new),
        kind(HeaderPrototype.MAX_FORWARDS, MaxForwards::new),
        kind(HeaderPrototype.CONTENT_LENGTH, ContentLength::new),
        kind(HeaderPrototype.CONTENT_TYPE, ContentType::new),
        kind(HeaderPrototype.EXPIRES, Expires::new),
        kind(HeaderPrototype.SESSION_EXPIRES, SessionExpires::new),
        kind(HeaderPrototype.ALLOW, Allow::new),
        kind(HeaderPrototype.SUPPORTED, Supported::new),
        kind(HeaderPrototype.REQUIRE, Require::new));
  }

  private static <H extends SIPHeader> Arguments kind(HeaderPrototype<H> prototype,
      Supplier<H> constructor) {
    return Arguments.of(prototype, constructor);
  }

  @ParameterizedTest
  @MethodSource("prototypes")
  void createsWhatTheConstructorBuilds(HeaderPrototype<?> prototype,
      Supplier<SIPHeader> constructor) {
    SIPHeader copy = prototype.create();
    SIPHeader constructed = constructor.get();

    assertThat(copy).isExactlyInstanceOf(constructed.getClass());
    assertThat(ObjectGraphs.differences(copy, constructed)).isEmpty();
    assertThat(copy.getHeaderName()).isSameAs(constructed.getHeaderName());
  }

  @ParameterizedTest
  @MethodSource("prototypes")
  void copiesShareNothingMutable(HeaderPrototype<?> prototype, Supplier<SIPHeader> constructor) {
    assertThat(ObjectGraphs.shared(prototype.create(), prototype.create())).isEmpty();
  }

  @Test
  void aChangedCopyLeavesLaterCopiesEmpty() throws Exception {
    From changed = HeaderPrototype.FROM.create();
    changed.setParameter("tag", "changed");
    changed.setMultiParameter(new gov.nist.core.NameValue("x", "1"));
    Via via = HeaderPrototype.VIA.create();
    via.setBranch("z9hG4bKchanged");

    assertThat(ObjectGraphs.differences(HeaderPrototype.FROM.create(), new From())).isEmpty();
    assertThat(ObjectGraphs.differences(HeaderPrototype.VIA.create(), new Via())).isEmpty();
  }

  @Test
  void twoDecodesOfOneMessageShareNothingMutable() {
    byte[] bytes = CarrierTraffic.BENCHMARK_INVITE.getBytes(StandardCharsets.UTF_8);
    int headerEnd = CarrierTraffic.BENCHMARK_INVITE.indexOf("\r\n\r\n") + 4;

    Message first = decode(bytes, headerEnd);
    Message second = decode(bytes, headerEnd);

    assertThat(ObjectGraphs.differences(first, second)).isEmpty();
    assertThat(ObjectGraphs.shared(first, second)).isEmpty();
  }

  private static Message decode(byte[] bytes, int headerEnd) {
    HeaderBlock block = HeaderBlock.scan(bytes, 0, headerEnd, CodecLimits.DEFAULTS);
    return SipParser.parse(block, new byte[0]).message().orElseThrow();
  }
}
