package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.Inbound;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Corrupts valid messages at random (seeded, so failures reproduce) and checks that every result
 * is a value: the decoders never throw, whatever the bytes; and that validation reaches the same
 * verdict whether or not it trusts what the parser's fast path read.
 */
class MutatedInputTest {

  private static final String[] SEEDS = {
    SipText.invite("mut-1"), SipText.options(), SipText.ok(), TortureMessages.TORTUOUS_INVITE,
    TortureMessages.WIDE_CHARACTERS, TortureMessages.MULTIPART, TortureMessages.ESCAPES
  };

  private static final byte[] INTERESTING = " \t\r\n:;,<>\"\\%@=?/0-9\u0000\u00ff".getBytes(
      StandardCharsets.ISO_8859_1);

  @Test
  void datagramDecoderTurnsEveryMutationIntoAValue() {
    Random random = new Random(4475);
    EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));
    for (int i = 0; i < 3000; i++) {
      byte[] bytes = mutate(SEEDS[i % SEEDS.length], random);

      channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(bytes), TestChannels.LOCAL,
          TestChannels.REMOTE));

      List<Inbound> decoded = TestChannels.inbound(channel);
      assertThat(decoded).as("mutation %d", i).hasSizeLessThanOrEqualTo(1);
    }
    channel.checkException();
  }

  @Test
  void streamDecoderTurnsEveryMutationIntoAValue() {
    Random random = new Random(3261);
    for (int i = 0; i < 1500; i++) {
      EmbeddedChannel channel = TestChannels.tcp(new SipStreamDecoder(CodecLimits.DEFAULTS));
      byte[] bytes = mutate(SEEDS[i % SEEDS.length], random);

      int split = random.nextInt(bytes.length + 1);
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
      if (channel.isOpen()) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
      }

      channel.checkException();
      TestChannels.inbound(channel);
      channel.finishAndReleaseAll();
    }
  }

  @Test
  void validationTrustingTheFastPathReachesTheFullValidationsVerdict() {
    Random random = new Random(4476);
    List<String> seeds = new ArrayList<>(List.of(SEEDS));
    seeds.addAll(new CarrierTraffic(4476).messages(40));
    seeds.add(CarrierTraffic.BENCHMARK_INVITE);
    int trusted = 0;
    for (int i = 0; i < 6000; i++) {
      byte[] bytes = i < seeds.size() ? seeds.get(i).getBytes(StandardCharsets.UTF_8)
          : mutate(seeds.get(i % seeds.size()), random);
      int headerEnd = Framing.headerEnd(bytes);
      if (headerEnd < 0) {
        continue;
      }
      HeaderBlock block = HeaderBlock.scan(bytes, 0, headerEnd, CodecLimits.DEFAULTS);
      if (block.problem().isPresent()) {
        continue;
      }
      SipParser.Result parsed = SipParser.parse(block, new byte[0]);

      assertThat(SipValidator.validate(block, parsed.plainStartLine(), parsed.plainFields()))
          .as("message %d", i).isEqualTo(SipValidator.validate(block));
      trusted += parsed.plainFields().cardinality();
    }
    assertThat(trusted).isGreaterThan(20_000);
  }

  private static byte[] mutate(String seed, Random random) {
    byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(3)) {
        case 0 -> bytes[at] = INTERESTING[random.nextInt(INTERESTING.length)];
        case 1 -> bytes[at] = (byte) random.nextInt(256);
        default -> {
          byte[] shorter = new byte[bytes.length - 1];
          System.arraycopy(bytes, 0, shorter, 0, at);
          System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
          bytes = shorter;
        }
      }
    }
    return bytes;
  }
}
