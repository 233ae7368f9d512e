package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The array form of header-end framing, the datagram decoder's, against the buffer form. */
class FramingTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\nbody",
      "OPTIONS sip:a@b SIP/2.0\nVia: x\n\nbody",
      "OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\nbody",
      "OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n",
      "OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r",
      "X\n\n",
      "X",
      "\r\n\r\n"})
  void findsTheEndOfTheHeadersInAnArrayAsInABuffer(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

    int inBuffer = Framing.headerEnd(Unpooled.wrappedBuffer(bytes), 0, 0, bytes.length);

    assertThat(Framing.headerEnd(bytes)).isEqualTo(inBuffer);
  }

  @Test
  void findsTheEndOfTheHeadersInRandomBytesAsInABuffer() {
    // Bytes one off LF, and bytes with the high bit set: where a word-at-a-time search could err.
    byte[] alphabet = {'\n', '\r', 'a', 0x0b, 0x09, 0x00, (byte) 0x8a, (byte) 0x80, (byte) 0xff};
    Random random = new Random(5626);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int j = 0; j < bytes.length; j++) {
        bytes[j] = alphabet[random.nextInt(alphabet.length)];
      }

      int inBuffer = Framing.headerEnd(Unpooled.wrappedBuffer(bytes), 0, 0, bytes.length);

      assertThat(Framing.headerEnd(bytes)).as(Arrays.toString(bytes)).isEqualTo(inBuffer);
    }
  }
}
