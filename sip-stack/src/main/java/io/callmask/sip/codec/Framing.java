package io.callmask.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Finding where a message's header block ends (RFC 3261 §7: the empty line after the headers) and
 * recognising CRLF keep-alives (RFC 5626 §3.5.1, §4.4.1). Stateless, so thread-safe.
 */
final class Framing {

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
   * datagram, the message starting at 0: a plain loop the compiler unrolls, where a wrapped or
   * duplicated buffer would be read a byte per virtual call.
   */
  static int headerEnd(byte[] bytes) {
    for (int lf = 1; lf < bytes.length; lf++) {
      if (bytes[lf] != '\n') {
        continue;
      }
      byte previous = bytes[lf - 1];
      if (previous == '\n' || (previous == '\r' && lf >= 2 && bytes[lf - 2] == '\n')) {
        return lf + 1;
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
