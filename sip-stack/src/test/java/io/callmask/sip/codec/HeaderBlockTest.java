package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.codec.HeaderBlock.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderBlockTest {

  @Test
  void unfoldsContinuationLinesIntoOneSpace() {
    HeaderBlock block = scan("OPTIONS sip:a@example.com SIP/2.0\r\nSubject: one   \r\n \t two\r\n"
        + "\tthree\r\n\r\n");

    assertThat(block.fields()).containsExactly(new Field("subject", "Subject", "one two three"));
  }

  @Test
  void namesAreCanonicalAndWireSpellingIsKept() {
    HeaderBlock block = scan("OPTIONS sip:a@example.com SIP/2.0\r\nV : x\r\nCALL-id: y\r\n"
        + "X-Odd-Name: z\r\n\r\n");

    assertThat(block.fields()).extracting(Field::name).containsExactly("via", "call-id", "x-odd-name");
    assertThat(block.fields()).extracting(Field::wireName).containsExactly("V", "CALL-id", "X-Odd-Name");
  }

  @Test
  void acceptsBareLineFeedsAsLineEnds() {
    HeaderBlock block = scan("OPTIONS sip:a@example.com SIP/2.0\nl: 12\n\n");

    assertThat(block.startLine()).isEqualTo("OPTIONS sip:a@example.com SIP/2.0");
    assertThat(block.contentLength()).isEqualTo(12);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Content-Length: 0|0",
      "content-length:   0042  |42",
      "l:7|7",
      "Content-Length: -1|-2",
      "Content-Length: 1 2|-2",
      "Content-Length: 99999999999|-2",
      "Content-Length:|-2",
      "X-Other: 5|-1"})
  void readsContentLength(String header, int expected) {
    HeaderBlock block = scan("OPTIONS sip:a@example.com SIP/2.0\r\n" + header + "\r\n\r\n");

    assertThat(block.contentLength()).isEqualTo(expected);
  }

  @Test
  void repeatedContentLengthIsInvalidEvenWhenEqual() {
    HeaderBlock block = scan("OPTIONS sip:a@example.com SIP/2.0\r\nl: 0\r\nContent-Length: 0\r\n\r\n");

    assertThat(block.contentLength()).isEqualTo(HeaderBlock.INVALID);
  }

  @Test
  void refusesMoreHeadersThanTheLimit() {
    StringBuilder text = new StringBuilder("OPTIONS sip:a@example.com SIP/2.0\r\n");
    for (int i = 0; i < 9; i++) {
      text.append("X-H").append(i).append(": v\r\n");
    }
    HeaderBlock block = HeaderBlock.scan(bytes(text + "\r\n"), 0, text.length() + 2,
        new CodecLimits(1024, 8));

    assertThat(block.problem()).contains("too many headers");
  }

  @Test
  void allowsControlCharacterOnlyAsAQuotedPair() {
    assertThat(scan("OPTIONS sip:a@example.com SIP/2.0\r\nTo: \"a\\\u0007b\" <sip:b@c>\r\n\r\n")
        .problem()).isEmpty();
    assertThat(scan("OPTIONS sip:a@example.com SIP/2.0\r\nTo: \"a\u0007b\" <sip:b@c>\r\n\r\n")
        .problem()).contains("control character in header");
  }

  @Test
  void acceptsUtf8InValues() {
    HeaderBlock block = scan("OPTIONS sip:a@example.com SIP/2.0\r\nSubject: привет\r\n\r\n");

    assertThat(block.first("subject")).contains("привет");
  }

  private static HeaderBlock scan(String text) {
    byte[] bytes = bytes(text);
    return HeaderBlock.scan(bytes, 0, bytes.length, CodecLimits.DEFAULTS);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
