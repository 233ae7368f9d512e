package io.callmask.server.planner;

import io.callmask.server.masking.PhoneNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a recorded workload: CSV lines {@code time,customer,partner,open|close} (a header line
 * is skipped), time in ISO-8601 ({@code 2026-01-01T10:00:00Z}) or Unix seconds, numbers in any
 * form {@link PhoneNumber#parse} reads. A close ends the oldest open session of that pair;
 * sessions never closed end at the last event. Events must be in time order.
 */
public final class CsvWorkload {

  private CsvWorkload() {}

  /**
   * The sessions of the file, in order of opening, times relative to the first event.
   *
   * @throws IllegalArgumentException naming the line of a malformed record
   */
  public static List<SessionSpan> read(Reader input, String defaultCountry) throws IOException {
    List<String[]> records = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    BufferedReader reader = new BufferedReader(input);
    String line;
    int lineNumber = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      String trimmed = line.trim();
      boolean header =
          lineNumber == 1 && trimmed.toLowerCase(Locale.ROOT).startsWith("time");
      if (trimmed.isEmpty() || header) {
        continue;
      }
      String[] fields = trimmed.split(",", -1);
      if (fields.length != 4) {
        throw new IllegalArgumentException("line " + lineNumber
            + ": expected time,customer,partner,open|close");
      }
      records.add(fields);
      lineNumbers.add(lineNumber);
    }
    return spans(records, lineNumbers, defaultCountry);
  }

  private static List<SessionSpan> spans(List<String[]> records, List<Integer> lineNumbers,
      String defaultCountry) {
    List<long[]> opens = new ArrayList<>();
    List<PhoneNumber[]> parties = new ArrayList<>();
    Map<String, Deque<Integer>> openByPair = new HashMap<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    long[] times = new long[records.size()];
    for (int i = 0; i < records.size(); i++) {
      times[i] = time(records.get(i)[0].trim(), lineNumbers.get(i));
      start = Math.min(start, times[i]);
      end = Math.max(end, times[i]);
    }
    for (int i = 0; i < records.size(); i++) {
      String[] fields = records.get(i);
      int lineNumber = lineNumbers.get(i);
      PhoneNumber customer = number(fields[1], defaultCountry, lineNumber);
      PhoneNumber partner = number(fields[2], defaultCountry, lineNumber);
      String pair = customer.e164() + "/" + partner.e164();
      switch (fields[3].trim().toLowerCase(Locale.ROOT)) {
        case "open" -> {
          openByPair.computeIfAbsent(pair, p -> new ArrayDeque<>()).add(opens.size());
          opens.add(new long[] {times[i], Long.MIN_VALUE});
          parties.add(new PhoneNumber[] {customer, partner});
        }
        case "close" -> {
          Deque<Integer> open = openByPair.get(pair);
          if (open == null || open.isEmpty()) {
            throw new IllegalArgumentException("line " + lineNumber + ": close without open");
          }
          opens.get(open.poll())[1] = times[i];
        }
        default -> throw new IllegalArgumentException("line " + lineNumber
            + ": the event must be open or close");
      }
    }
    List<SessionSpan> spans = new ArrayList<>();
    for (int i = 0; i < opens.size(); i++) {
      long open = opens.get(i)[0];
      long close = opens.get(i)[1] == Long.MIN_VALUE ? end : opens.get(i)[1];
      spans.add(new SessionSpan(open - start, Math.max(open, close) - start, parties.get(i)[0],
          parties.get(i)[1]));
    }
    spans.sort(Comparator.comparingLong(SessionSpan::openSecond));
    return spans;
  }

  private static long time(String text, int lineNumber) {
    try {
      if (text.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(text);
      }
      return Instant.parse(text).getEpochSecond();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("line " + lineNumber + ": unreadable time", e);
    }
  }

  private static PhoneNumber number(String text, String defaultCountry, int lineNumber) {
    try {
      return PhoneNumber.parse(text.trim(), defaultCountry);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage(), e);
    }
  }
}
