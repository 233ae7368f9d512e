package io.callmask.bench.codec;

import io.callmask.sip.codec.CodecLimits;
import io.callmask.sip.codec.SipDatagramDecoder;
import io.callmask.sip.codec.SipMessageEncoder;
import io.callmask.sip.message.InboundMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of the codec on carrier INVITEs (~900 bytes with SDP): {@link #decodeAndEncode} is
 * the full path a proxied INVITE takes (datagram framing, validation, parsing, then encoding);
 * {@link #decode} and {@link #encode} split it. The INVITEs cycle through {@value #CALLS} calls
 * whose branches, Call-IDs, tags, CSeq numbers and calling and called numbers differ, as real
 * traffic does, rather than one byte string whose every field the CPU caches could learn. Target:
 * 100,000 decode-and-encode operations per second on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

  private static final InetSocketAddress SENDER = new InetSocketAddress("203.0.113.20", 5060);
  private static final InetSocketAddress RECIPIENT = new InetSocketAddress("198.51.100.5", 5060);

  private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
  static final int CALLS = 1024;

  private final ByteBuf[] invites = new ByteBuf[CALLS];
  private final Message[] decoded = new Message[CALLS];
  private EmbeddedChannel channel;
  private int next;

  @Setup
  public void setUp() {
    channel = new EmbeddedChannel(new SipDatagramDecoder(CodecLimits.DEFAULTS));
    for (int call = 0; call < CALLS; call++) {
      invites[call] = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(CarrierInvite.bytes(call)));
      decoded[call] = decodeOnce(invites[call]);
    }
  }

  @TearDown
  public void tearDown() {
    channel.finishAndReleaseAll();
  }

  @Benchmark
  public int decodeAndEncode() {
    ByteBuf out = SipMessageEncoder.encode(allocator, decodeOnce(invites[nextCall()]));
    int length = out.readableBytes();
    out.release();
    return length;
  }

  @Benchmark
  public Message decode() {
    return decodeOnce(invites[nextCall()]);
  }

  @Benchmark
  public int encode() {
    ByteBuf out = SipMessageEncoder.encode(allocator, decoded[nextCall()]);
    int length = out.readableBytes();
    out.release();
    return length;
  }

  private int nextCall() {
    next = (next + 1) & (CALLS - 1);
    return next;
  }

  private Message decodeOnce(ByteBuf invite) {
    channel.writeInbound(new DatagramPacket(invite.duplicate(), RECIPIENT, SENDER));
    Object inbound = channel.readInbound();
    if (!(inbound instanceof InboundMessage message)) {
      throw new IllegalStateException("benchmark INVITE did not decode: " + inbound);
    }
    return message.message();
  }
}
