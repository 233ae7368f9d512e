package io.callmask.sip.message;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct value, for values that arrive anew with every message but take
 * few distinct forms (a carrier's address, a Via sent-by). A finished transaction keeps such
 * values while it absorbs retransmissions (up to 32 s on UDP), and at 1,000 calls/s a copy per
 * message was 120,000 peers, each with its socket address: objects the collector traces on every
 * cycle. Shared, they are a handful.
 *
 * <p>Bounded: once {@code capacity} distinct values are held (a scan from many addresses), it
 * starts over, which only costs sharing. Thread-safe.
 *
 * @param <T> an immutable type with value equality
 */
public final class SharedValues<T> {

  private final int capacity;
  private final ConcurrentHashMap<T, T> values = new ConcurrentHashMap<>();

  public SharedValues(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** The instance held for a value equal to {@code value}, or {@code value}, now held. */
  public T share(T value) {
    Objects.requireNonNull(value, "value");
    T held = values.get(value);
    if (held != null) {
      return held;
    }
    if (values.size() >= capacity) {
      values.clear();
    }
    T raced = values.putIfAbsent(value, value);
    return raced == null ? value : raced;
  }

  /** How many values are held now. */
  public int size() {
    return values.size();
  }
}
