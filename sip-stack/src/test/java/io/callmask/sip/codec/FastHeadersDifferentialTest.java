package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import gov.nist.javax.sip.header.SIPHeader;
import io.callmask.sip.codec.HeaderBlock.Field;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.Parameters;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast header parsers against JAIN SIP's: on a corpus of RFC 4475 messages, the benchmark
 * INVITE, generated carrier traffic and seeded corruptions of it, every header the fast path takes
 * must come out as JAIN SIP builds it (same object graph, same encoding, same getters), and be
 * valid, since the validator skips the value checks of what the fast path took.
 */
class FastHeadersDifferentialTest {

  /** Corruptions: delimiters, escapes, and characters of two and three UTF-8 bytes. */
  private static final String INTERESTING = " \t:;,<>\"\\%@=?/[]0A-.+(\u00e9\u4e2d";

  @Test
  void buildsWhatJainSipBuildsForEveryHeaderItTakes() {
    List<String> torture = new ArrayList<>();
    Rfc4475ValidMessagesTest.validMessages().forEach(a -> torture.add((String) a.get()[1]));
    torture.addAll(List.of(SipText.options(), SipText.ok(), SipText.invite("diff-1")));
    List<String> carrier = new ArrayList<>(new CarrierTraffic(20_260_100).messages(400));
    carrier.add(CarrierTraffic.BENCHMARK_INVITE);

    for (String message : torture) {
      fields(message).forEach(FastHeadersDifferentialTest::compare);
    }
    int fields = 0;
    int taken = 0;
    for (String message : carrier) {
      for (Field field : fields(message)) {
        fields++;
        taken += compare(field) ? 1 : 0;
      }
    }

    // Only Call-IDs with IPv6 hosts and Via lists with a received parameter before a comma are
    // left to JAIN SIP in this traffic.
    assertThat(taken).isGreaterThan(4_000).isGreaterThan(fields * 95 / 100);
  }

  @Test
  void agreesWithJainSipOnCorruptedCarrierHeaders() {
    Random random = new Random(3261);
    List<Field> seeds = new ArrayList<>();
    new CarrierTraffic(7).messages(40).forEach(message -> seeds.addAll(fields(message)));
    int taken = 0;
    for (int i = 0; i < 20_000; i++) {
      Field seed = seeds.get(random.nextInt(seeds.size()));
      StringBuilder value = new StringBuilder(seed.value());
      int edits = 1 + random.nextInt(2);
      for (int e = 0; e < edits && value.length() > 0; e++) {
        int at = random.nextInt(value.length());
        char c = INTERESTING.charAt(random.nextInt(INTERESTING.length()));
        if (random.nextBoolean()) {
          value.setCharAt(at, c);
        } else {
          value.insert(at, c);
        }
      }
      Field mutated = new Field(seed.name(), seed.wireName(), value.toString().trim());
      // The fast path reads a scanned field's bytes, and a constructed field's String.
      Field scanned = scanned(seed.wireName() + ": " + value);
      boolean fromBytes = scanned != null && compare(scanned);
      boolean fromString = compare(mutated);
      if (scanned != null) {
        assertThat(fromBytes).as(scanned.toString()).isEqualTo(fromString);
      }
      taken += fromString ? 1 : 0;
    }

    assertThat(taken).isGreaterThan(1_000);
  }

  @Test
  void buildsTheRequestLinesJainSipBuilds() {
    List<String> lines = new ArrayList<>();
    Rfc4475ValidMessagesTest.validMessages().forEach(a -> lines.add(startLine((String) a.get()[1])));
    new CarrierTraffic(11).messages(400).forEach(message -> lines.add(startLine(message)));
    Random random = new Random(3263);
    for (int i = 0; i < 4_000; i++) {
      StringBuilder line = new StringBuilder(lines.get(random.nextInt(lines.size())));
      line.insert(random.nextInt(line.length()),
          INTERESTING.charAt(random.nextInt(INTERESTING.length())));
      lines.add(line.toString());
    }
    int taken = 0;
    for (String line : lines) {
      gov.nist.javax.sip.header.RequestLine fast = FastHeaders.requestLine(line);
      if (fast == null) {
        continue;
      }
      taken++;
      gov.nist.javax.sip.header.RequestLine slow;
      try {
        slow = SipParser.parseRequestLineSlowly(line);
      } catch (ParseException | RuntimeException e) {
        fail("fast path took a request line JAIN SIP rejects: %s (%s)", line, e);
        return;
      }
      assertThat(StartLines.checkRequestLine(line)).as(line).isNull();
      assertThat(ObjectGraphs.differences(fast, slow)).as(line).isEmpty();
      assertThat(fast.encode()).as(line).isEqualTo(slow.encode());
      assertThat(List.of(fast.getMethod(), fast.getUri().toString(), fast.getSipVersion()))
          .as(line).isEqualTo(List.of(slow.getMethod(), slow.getUri().toString(),
              slow.getSipVersion()));
    }

    assertThat(taken).isGreaterThan(200);
  }

  @Test
  void takesTheRequestLineAndEveryHeaderOfTheBenchmarkInvite() {
    assertThat(FastHeaders.requestLine(startLine(CarrierTraffic.BENCHMARK_INVITE))).isNotNull();
    for (Field field : fields(CarrierTraffic.BENCHMARK_INVITE)) {
      assertThat(FastHeaders.parse(field)).as(field.wireName()).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "v: SIP/2.0/UDP host.example.com;branch=z9hG4bK1",
      "VIA: SIP/2.0/UDP host.example.com;branch=z9hG4bK1",
      "Via: SIP/2.0/UDP Host.Example.com;branch=z9hG4bK1",
      "Via: SIP / 2.0 / UDP host.example.com;branch=z9hG4bK1",
      "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK1 (comment)",
      "Via: SIP/2.0/UDP host.example.com ; branch=z9hG4bK1",
      "Via: SIP/2.0/UDP host.example.com;branch",
      "Via: SIP/2.0/UDP host.example.com;branch=\"quoted\"",
      "Via: SIP/2.0/udp host.example.com;branch=z9hG4bK1",
      "From: Alice <sip:alice@example.com>;tag=1",
      "From: sip:alice@example.com;tag=1",
      "From: \"A \\\"B\\\"\" <sip:alice@example.com>;tag=1",
      "From: <sip:al%20ice@example.com>;tag=1",
      "From: <sip:alice:secret@example.com>;tag=1",
      "From: <sip:alice@example.com?subject=x>;tag=1",
      "From: <sip:alice@example.com>;Tag=1",
      "From: <sip:alice@example.com> ;tag=1",
      "From: <mailto:alice@example.com>;tag=1",
      "To: <tel:+1-201-555-0123>",
      "To: <tel:5550123;phone-context=example.com>",
      "Contact: *",
      "Contact: <sip:alice@example.com>;+sip.instance=\"<urn:uuid:1>\"",
      "Contact: <sip:alice@example.com>;expires=4294967296",
      "Contact: <sip:alice@example.com>;expires=soon",
      "Route: <sip:proxy.example.com;lr>,,<sip:b.example.com;lr>",
      "Call-ID: abc\"def@host",
      "Call-ID: abc@def@host",
      "CSeq: 1  INVITE",
      "CSeq: 12345678901 INVITE",
      "CSeq: 1 invite",
      "Max-Forwards: 256",
      "Content-Length: +5",
      "Content-Type: multipart/mixed;boundary=\"x y\"",
      "Allow: INVITE ,ACK",
      "Supported: timer,",
      "Session-Expires: 1800 ;refresher=uac"})
  void leavesUnusualFormsToJainSip(String line) {
    int colon = line.indexOf(':');
    String wireName = line.substring(0, colon);
    Field field = new Field(HeaderNames.canonical(wireName.trim()), wireName,
        line.substring(colon + 1).trim());

    assertThat(FastHeaders.parse(field)).isNull();
  }

  /** True if the fast path took {@code field}; then it must agree with JAIN SIP. */
  private static boolean compare(Field field) {
    SIPHeader fast = FastHeaders.parse(field);
    if (fast == null) {
      return false;
    }
    SIPHeader slow;
    try {
      slow = SipParser.parseSlowly(field);
    } catch (ParseException | RuntimeException e) {
      return fail("fast path took what JAIN SIP rejects: %s: %s (%s)", field.wireName(),
          field.value(), e);
    }
    String context = field.wireName() + ": " + field.value();
    // The validator skips the value checks of what the fast path took: it must be valid.
    assertThat(SipValidator.isValid(field.name(), field.value())).as(context).isTrue();
    assertThat(ObjectGraphs.differences(fast, slow)).as(context).isEmpty();
    assertThat(fast.encode()).as(context).isEqualTo(slow.encode());
    assertThat(facts(fast)).as(context).isEqualTo(facts(slow));
    return true;
  }

  /** What the layers above read through the javax.sip getters. */
  private static List<String> facts(SIPHeader header) {
    List<String> facts = new ArrayList<>();
    Iterable<?> values = header instanceof Iterable<?> list ? list : List.of(header);
    for (Object value : values) {
      if (value instanceof ViaHeader via) {
        facts.add(String.join("|", via.getTransport(), via.getProtocol(), via.getHost(),
            String.valueOf(via.getPort()), String.valueOf(via.getBranch()),
            String.valueOf(via.getReceived()), fact(via::getRPort), String.valueOf(via.getMAddr()),
            fact(via::getTTL)));
      }
      if (value instanceof HeaderAddress address) {
        facts.add(String.valueOf(address.getAddress().getDisplayName()));
        facts.add(address.getAddress().getURI().toString());
        if (address.getAddress().getURI() instanceof SipURI uri) {
          facts.add(String.join("|", String.valueOf(uri.getUser()), uri.getHost(),
              String.valueOf(uri.getPort()), String.valueOf(uri.isSecure()),
              String.valueOf(uri.getTransportParam()), String.valueOf(uri.getUserParam()),
              String.valueOf(uri.hasLrParam())));
          facts.addAll(parameters(uri.getParameterNames(), uri::getParameter));
        }
      }
      if (value instanceof Parameters parameters) {
        facts.addAll(parameters(parameters.getParameterNames(), parameters::getParameter));
      }
      if (value instanceof CSeqHeader cseq) {
        facts.add(cseq.getSeqNumber() + " " + cseq.getMethod());
      }
      if (value instanceof CallIdHeader callId) {
        facts.add(callId.getCallId());
      }
      if (value instanceof MaxForwardsHeader maxForwards) {
        facts.add(String.valueOf(maxForwards.getMaxForwards()));
      }
      if (value instanceof ContentLengthHeader length) {
        facts.add(String.valueOf(length.getContentLength()));
      }
      if (value instanceof ContentTypeHeader type) {
        facts.add(type.getContentType() + "/" + type.getContentSubType());
      }
      facts.add(value.toString());
    }
    return facts;
  }

  /** A getter's result, or what it threw (a numeric getter on a token value may throw). */
  private static String fact(java.util.function.Supplier<Object> getter) {
    try {
      return String.valueOf(getter.get());
    } catch (RuntimeException e) {
      return "threw " + e.getClass().getSimpleName();
    }
  }

  private static List<String> parameters(Iterator<?> names,
      java.util.function.Function<String, String> value) {
    List<String> facts = new ArrayList<>();
    names.forEachRemaining(name -> facts.add(name + "=" + value.apply((String) name)));
    return facts;
  }

  private static String startLine(String message) {
    return message.substring(0, message.indexOf("\r\n"));
  }

  /** The one field of {@code line} as the header scanner reads it, or null if it has none. */
  private static Field scanned(String line) {
    byte[] bytes = ("OPTIONS sip:a@b SIP/2.0\r\n" + line + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
    HeaderBlock block = HeaderBlock.scan(bytes, 0, bytes.length, CodecLimits.DEFAULTS);
    return block.problem().isEmpty() && block.fields().size() == 1 ? block.fields().get(0) : null;
  }

  private static List<Field> fields(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    int end = message.indexOf("\r\n\r\n");
    int headerEnd = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
    assertThat(end).isPositive();
    HeaderBlock block = HeaderBlock.scan(bytes, 0, headerEnd, CodecLimits.DEFAULTS);
    assertThat(block.problem()).isEmpty();
    return block.fields();
  }

}
