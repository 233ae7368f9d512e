package io.callmask.sip.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The book of input probes (see {@link DatagramProbes}): what a probe datagram carries, when each
 * was sent, and how long the ones not caught yet have waited. A probe is the process's secret (so
 * that nobody else's datagram passes for one) and a sequence number; a slot per recent sequence
 * holds its send time until it is caught.
 *
 * <p>Thread-safe: probes are issued by one sender thread and caught on any socket's loop.
 */
final class ProbeLedger {

  /** The bytes of a probe: the secret, then the sequence number. */
  static final int PROBE_BYTES = 16;
  /** What {@link #caught} answers for bytes that are not a probe of this process. */
  static final long NOT_A_PROBE = -1;
  /** What {@link #caught} answers for a probe it no longer knows (caught twice, or too old). */
  static final long UNKNOWN_PROBE = -2;
  /** Probes remembered; an older one not caught was lost and counts no more. */
  static final int SLOTS = 64;

  private final long secret;
  private final LongSupplier nanoTime;
  /** Per slot: the sequence it holds. */
  private final AtomicLongArray sequences = new AtomicLongArray(SLOTS);
  /** Per slot: when its probe was issued, or 0 once caught or withdrawn. */
  private final AtomicLongArray sentAt = new AtomicLongArray(SLOTS);
  /** The sender thread's only. */
  private long lastSequence;

  ProbeLedger(long secret, LongSupplier nanoTime) {
    this.secret = secret;
    this.nanoTime = nanoTime;
  }

  /**
   * Books a new probe as sent now and returns its bytes. Booked before it is sent, so that a
   * loop quick to catch it always finds it. Sender thread only.
   */
  ByteBuffer issue() {
    long sequence = ++lastSequence;
    int slot = slot(sequence);
    sentAt.set(slot, 0);
    sequences.set(slot, sequence);
    sentAt.set(slot, Math.max(1, nanoTime.getAsLong()));
    return ByteBuffer.allocate(PROBE_BYTES).putLong(secret).putLong(sequence).flip();
  }

  /** The last issued probe could not be sent: it waits for nothing. Sender thread only. */
  void withdrawLast() {
    int slot = slot(lastSequence);
    if (sequences.get(slot) == lastSequence) {
      sentAt.set(slot, 0);
    }
  }

  /**
   * What {@code bytes[0, length)}, a datagram, are: {@link #NOT_A_PROBE}, {@link #UNKNOWN_PROBE},
   * or a probe of this process now caught, and then how many nanoseconds it waited.
   */
  long caught(byte[] bytes, int length) {
    if (length != PROBE_BYTES) {
      return NOT_A_PROBE;
    }
    ByteBuffer probe = ByteBuffer.wrap(bytes, 0, length);
    if (probe.getLong() != secret) {
      return NOT_A_PROBE;
    }
    long sequence = probe.getLong();
    int slot = slot(sequence);
    long sent = sentAt.get(slot);
    if (sent == 0 || sequences.get(slot) != sequence || !sentAt.compareAndSet(slot, sent, 0)) {
      return UNKNOWN_PROBE;
    }
    return Math.max(0, nanoTime.getAsLong() - sent);
  }

  /**
   * How long the oldest probe not caught yet has waited, in nanoseconds, or 0; probes older than
   * {@code forgetAfterNanos} were lost (a full buffer drops datagrams) and are not counted.
   */
  long oldestWaitingNanos(long forgetAfterNanos) {
    long now = nanoTime.getAsLong();
    long oldest = 0;
    for (int slot = 0; slot < SLOTS; slot++) {
      long sent = sentAt.get(slot);
      if (sent != 0 && now - sent <= forgetAfterNanos) {
        oldest = Math.max(oldest, now - sent);
      }
    }
    return oldest;
  }

  private static int slot(long sequence) {
    return (int) Math.floorMod(sequence, (long) SLOTS);
  }
}
