package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberSpansTest {

  @Test
  void marksDigitsAndSeparatorsOfEveryByteValue() {
    for (int value = 0; value < 256; value++) {
      byte b = (byte) value;
      boolean expected = (value >= '0' && value <= '9') || " -.()".indexOf(value) >= 0;
      for (int position = 0; position < 8; position++) {
        // The byte among others that are marked, then among others that are not.
        long around = fill((byte) '7', b, position);
        long alone = fill((byte) 'x', b, position);
        int bit = 1 << position;
        assertThat(NumberSpans.marked(around) & bit).as("byte %d at %d", value, position)
            .isEqualTo(expected ? bit : 0);
        assertThat(NumberSpans.marked(alone)).as("byte %d alone at %d", value, position)
            .isEqualTo(expected ? bit : 0);
      }
    }
  }

  @Test
  void findsEachLongSpanWholeWhereverItFallsAgainstTheWords() {
    for (int offset = 0; offset < 20; offset++) {
      String text = "x".repeat(offset) + "+91 98450-11111;tag=12 9845011111";
      assertThat(spans(text, 10)).as("offset %d", offset)
          .containsExactly("91 98450-11111", "12 9845011111");
    }
  }

  @Test
  void skipsSpansShorterThanTheMinimum() {
    assertThat(spans("Via: SIP/2.0/UDP gw.example:15060;branch=z9hG4bK-524287-1", 10)).isEmpty();
    assertThat(spans("Via: SIP/2.0/UDP 127.0.0.1:15060", 10)).containsExactly(" 127.0.0.1");
    assertThat(spans("o=user1 53655765 2353687637 IN IP4", 10))
        .containsExactly("1 53655765 2353687637 ");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 6, 7, 8, 9, 10, 12, 15, 16, 17})
  void agreesWithAByteByByteScanOnRandomText(int minimum) {
    Random random = new Random(minimum);
    String alphabet = "0123456789 -.()abcXYZ:;@<>\r\n\u00e9";
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(120);
      for (int i = 0; i < length; i++) {
        // Mostly digits and separators, so that long spans are common.
        text.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
            : alphabet.charAt(random.nextInt(15)));
      }
      assertThat(spans(text.toString(), minimum)).as("%s, minimum %d", text, minimum)
          .isEqualTo(expectedSpans(text.toString(), minimum));
    }
  }

  @Test
  void refusesAnEmptyMinimum() {
    assertThatThrownBy(() -> NumberSpans.next(new byte[8], 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> spans(String text, int minimum) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    List<String> found = new ArrayList<>();
    for (long span = NumberSpans.next(bytes, 0, minimum); span >= 0;
        span = NumberSpans.next(bytes, NumberSpans.end(span), minimum)) {
      found.add(text.substring(NumberSpans.start(span), NumberSpans.end(span)));
    }
    return found;
  }

  /** The reference: maximal runs of the marked characters, kept when long enough. */
  private static List<String> expectedSpans(String text, int minimum) {
    List<String> found = new ArrayList<>();
    for (String run : text.split("[^0-9 \\-.()]+")) {
      if (run.length() >= minimum) {
        found.add(run);
      }
    }
    return found;
  }

  private static long fill(byte others, byte b, int position) {
    long word = 0;
    for (int i = 7; i >= 0; i--) {
      word = (word << 8) | ((i == position ? b : others) & 0xff);
    }
    return word;
  }
}
