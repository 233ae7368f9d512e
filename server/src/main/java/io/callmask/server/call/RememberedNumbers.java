package io.callmask.server.call;

import io.callmask.server.masking.PhoneNumber;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the numbers of initial INVITEs (the dialed proxy number, the caller's), remembering what
 * it read. A libphonenumber parse costs some microseconds and leaves kilobytes of garbage (its
 * regex matchers), a measurable share of a call at a thousand calls a second, and the same
 * spellings come again and again: the dialed numbers are callmask's own proxy numbers, a set the
 * operator provisions, and a caller who gets through is a party of a session, who calls again.
 *
 * <p>Bounded: once it holds {@code capacity} spellings (someone calling from or dialing random
 * numbers) it forgets them all and starts over. Text that is no phone number is not remembered.
 * Thread-safe.
 */
final class RememberedNumbers {

  private final String defaultCountry;
  private final int capacity;
  private final ConcurrentHashMap<String, PhoneNumber> read = new ConcurrentHashMap<>();

  /**
   * @param defaultCountry how numbers without {@code +} are read ({@code numbers.default-country})
   * @param capacity how many spellings to remember before starting over
   */
  RememberedNumbers(String defaultCountry, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.defaultCountry = defaultCountry;
    this.capacity = capacity;
  }

  /** {@code text} read as {@link PhoneNumber#parse} reads it, or empty when it is no number. */
  Optional<PhoneNumber> parse(String text) {
    PhoneNumber known = read.get(text);
    if (known != null) {
      return Optional.of(known);
    }
    PhoneNumber number;
    try {
      number = PhoneNumber.parse(text, defaultCountry);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (read.size() >= capacity) {
      read.clear();
    }
    read.put(text, number);
    return Optional.of(number);
  }
}
