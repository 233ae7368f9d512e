package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipParserTest {

  @Test
  void parsesWellFormedMessageCompletely() {
    SipParser.Result result = parse(SipText.invite("p-1"));

    assertThat(result.isComplete()).isTrue();
    Request request = (Request) result.message().orElseThrow();
    assertThat(request.getMethod()).isEqualTo("INVITE");
    assertThat(new String(request.getRawContent(), StandardCharsets.US_ASCII)).startsWith("v=0\r\n");
  }

  @Test
  void keepsWhatParsedAndNamesTheHeaderThatDidNot() {
    SipParser.Result result = parse(SipText.options().replace("To: <sip:alice@example.com>",
        "To: <sip:alice@example.com"));

    assertThat(result.failure()).contains("bad To");
    Message partial = result.message().orElseThrow();
    assertThat(partial.getHeader(ToHeader.NAME)).isNull();
    assertThat(partial.getHeader(CallIdHeader.NAME)).isNotNull();
  }

  @Test
  void failureReasonsNeverEchoMessageContent() {
    SipParser.Result result = parse(SipText.options("X-Secret: <<+919999999999"
        .replace("X-Secret", "Contact")));

    assertThat(result.failure()).contains("bad Contact");
  }

  @Test
  void unknownHeaderKeepsItsSpellingAndValue() {
    SipParser.Result result = parse(SipText.options("X-Carrier-Route:  trunk 7 "));

    assertThat(result.message().orElseThrow().getHeader("X-Carrier-Route").toString())
        .isEqualTo("X-Carrier-Route: trunk 7\r\n");
  }

  @Test
  void badStatusLineLeavesNoMessage() {
    SipParser.Result result = parse(SipText.ok().replace("SIP/2.0 200 OK", "SIP/2.0 abc OK"));

    assertThat(result.message()).isEmpty();
    assertThat(result.failure()).contains("bad status line");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\n\r\n", "\r\n", "\t\t", "\u0000\u0001"})
  void lenientParseOfControlCharactersIsAValueNotAnError(String input) {
    // Without a log4j API on the class path this input made JAIN SIP throw NoClassDefFoundError.
    assertThat(SipParser.parseLeniently(input.getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  @Test
  void lenientParseReadsHeadersDespiteABadOne() {
    byte[] bytes = SipText.options("Expires: soon").getBytes(StandardCharsets.US_ASCII);

    Message message = SipParser.parseLeniently(bytes).orElseThrow();

    assertThat(message.getHeader(CallIdHeader.NAME)).isNotNull();
    assertThat(message.getHeader("Expires")).isNull();
  }

  @Test
  void parsesConcurrentlyWithoutMixingMessages() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String callId = "thread-" + t;
        Callable<Boolean> task = () -> {
          for (int i = 0; i < 300; i++) {
            Message message = parse(SipText.invite(callId + "-" + i)).message().orElseThrow();
            String parsed = ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
            if (!parsed.equals(callId + "-" + i)) {
              return false;
            }
          }
          return true;
        };
        results.add(pool.submit(task));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static SipParser.Result parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int headerEnd = text.indexOf("\r\n\r\n") + 4;
    HeaderBlock block = HeaderBlock.scan(bytes, 0, headerEnd, CodecLimits.DEFAULTS);
    byte[] body = java.util.Arrays.copyOfRange(bytes, headerEnd, bytes.length);
    return SipParser.parse(block, body);
  }
}
