package io.callmask.sip.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.LongSupplier;

/**
 * How long a UDP socket's input has been waiting in the kernel: the time since the socket was
 * last read empty, while it is not.
 *
 * <p>Netty reads a datagram socket in bursts of at most {@code burst} datagrams and then lets the
 * loop's other work run; a burst that stops short of that found the socket empty. So while every
 * burst comes back full, datagrams are waiting in the kernel's buffer (which holds seconds of
 * signalling), behind the ones being read, and they have been since the last short burst. That
 * wait is invisible to the event loop's own queue ({@link LoopLag}) and is where an overloaded
 * node's input waits longest: callers' and carriers' timers fire and they retransmit into it.
 *
 * <p>Near capacity the bursts stay full while each datagram waits only briefly, so this reads
 * high; that is what makes it a good overload signal. Timing probe datagrams through the sockets
 * (the wait itself) was tried and refused too late: at 2,000 calls/s retransmissions rose from
 * 0-3,000 to 8,000-52,000 a run (commit 30254d4, reverted).
 *
 * <p>First in each UDP socket's pipeline, so that it counts datagrams as read. Not sharable: one
 * per socket. Thread-safe: written on the socket's loop, {@link #ageNanos} read from any thread.
 */
final class ReadBacklog extends ChannelInboundHandlerAdapter {

  private final int burst;
  private final LongSupplier nanoTime;
  /** Datagrams read in the burst under way; the socket's loop only. */
  private int readInBurst;
  private volatile long drainedAtNanos;
  private volatile boolean waiting;

  /**
   * @param burst the most datagrams Netty reads in one go ({@code maxMessagesPerRead})
   * @param nanoTime the monotonic clock
   */
  ReadBacklog(int burst, LongSupplier nanoTime) {
    if (burst < 2) {
      throw new IllegalArgumentException("a burst of " + burst + " cannot tell a full socket");
    }
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.drainedAtNanos = nanoTime.getAsLong();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    readInBurst++;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (readInBurst >= burst) {
      waiting = true;
    } else {
      drainedAtNanos = nanoTime.getAsLong();
      waiting = false;
    }
    readInBurst = 0;
    ctx.fireChannelReadComplete();
  }

  /** How long input has been waiting at {@code nowNanos}; 0 when the last read emptied it. */
  long ageNanos(long nowNanos) {
    return waiting ? Math.max(0, nowNanos - drainedAtNanos) : 0;
  }
}
