package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
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
}
