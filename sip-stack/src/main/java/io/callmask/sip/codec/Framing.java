package io.callmask.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding where a message's header block ends (RFC 3261 §7: the empty line after the headers) and
 * recognising CRLF keep-alives (RFC 5626 §3.5.1, §4.4.1). Stateless, so thread-safe.
 */
final class Framing {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Framing() {}

  /**
   * The index just past the empty line that ends the headers of the message starting at {@code
   * start}, searching {@code [from, to)}, or -1 if it is not there yet. Lines end in CRLF or,
   * leniently, LF.
   */
  static int headerEnd(ByteBuf buf, int start, int from, int to) {
    int i = Math.max(from, start);
    while (i < to) {
      int lf = buf.forEachByte(i, to - i, ByteProcessor.FIND_LF);
      if (lf < 0) {
        return -1;
      }
      if (lf > start && isEmptyLineBefore(buf, start, lf)) {
        return lf + 1;
      }
      i = lf + 1;
    }
    return -1;
  }

  /**
   * As {@link #headerEnd(ByteBuf, int, int, int)} over a whole message already copied out of its
   * datagram, the message starting at 0. Finds line feeds eight bytes at a time: this runs over
   * every header byte of every datagram.
   */
  static int headerEnd(byte[] bytes) {
    for (int lf = nextLineFeed(bytes, 1); lf >= 0; lf = nextLineFeed(bytes, lf + 1)) {
      byte previous = bytes[lf - 1];
      if (previous == '\n' || (previous == '\r' && lf >= 2 && bytes[lf - 2] == '\n')) {
        return lf + 1;
      }
    }
    return -1;
  }

  /** The index of the first LF at or after {@code from}, or -1. */
  private static int nextLineFeed(byte[] bytes, int from) {
    int i = from;
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      // The "has a zero byte" test on the word XOR LFs; its lowest flag is exact (little endian).
      long lineFeeds = (long) LONGS.get(bytes, i) ^ 0x0a0a_0a0a_0a0a_0a0aL;
      long flags = (lineFeeds - 0x0101_0101_0101_0101L) & ~lineFeeds & 0x8080_8080_8080_8080L;
      if (flags != 0) {
        return i + (Long.numberOfTrailingZeros(flags) >>> 3);
      }
    }
    for (; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The number of CR and LF bytes at {@code [from, to)}'s start. */
  static int leadingLineEnds(ByteBuf buf, int from, int to) {
    int i = from;
    while (i < to && isLineEnd(buf.getByte(i))) {
      i++;
    }
    return i - from;
  }

  private static boolean isEmptyLineBefore(ByteBuf buf, int start, int lf) {
    byte previous = buf.getByte(lf - 1);
    if (previous == '\n') {
      return true;
    }
    return previous == '\r' && lf - 1 > start && buf.getByte(lf - 2) == '\n';
  }

  private static boolean isLineEnd(byte b) {
    return b == '\r' || b == '\n';
  }
}
