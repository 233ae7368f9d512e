package io.callmask.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a numbers CSV ({@code number,trunk,region,pool,capacity}; pool and capacity may be empty)
 * into the JSON objects of {@code POST /v1/numbers}, remembering each row's line number so that
 * the server's complaints can be reported against the file. Checks only the file's shape; the
 * server judges the values.
 */
final class NumbersCsv {

  static final List<String> HEADER = List.of("number", "trunk", "region", "pool", "capacity");

  /** The rows to send, and the file line each came from. */
  record Rows(List<Map<String, Object>> objects, List<Integer> lines) {}

  private NumbersCsv() {}

  static Rows read(Path file) {
    List<Map<String, Object>> objects = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null
          || !split(header.replace("\uFEFF", "").toLowerCase(Locale.ROOT)).equals(HEADER)) {
        throw new CliFailure(ExitCodes.USAGE,
            file + " line 1: expected the header " + String.join(",", HEADER));
      }
      int lineNumber = 1;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = split(line);
        if (cells.size() != HEADER.size()) {
          problems.add(file + " line " + lineNumber + ": expected " + HEADER.size()
              + " columns, got " + cells.size());
          continue;
        }
        if (!cells.get(4).isEmpty() && !cells.get(4).matches("[0-9]{1,9}")) {
          problems.add(file + " line " + lineNumber + ": capacity '" + cells.get(4)
              + "' is not a whole number");
          continue;
        }
        objects.add(object(cells));
        lines.add(lineNumber);
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new CliFailure(ExitCodes.USAGE, String.join(System.lineSeparator(), first(problems))
          + System.lineSeparator() + "nothing imported: " + problems.size() + " malformed lines");
    }
    return new Rows(objects, lines);
  }

  /** At most 20 problems: enough to fix a file, not enough to flood a terminal. */
  static List<String> first(List<String> problems) {
    return problems.size() <= 20 ? problems : problems.subList(0, 20);
  }

  private static Map<String, Object> object(List<String> cells) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("number", cells.get(0));
    row.put("trunk", cells.get(1));
    row.put("region", cells.get(2));
    if (!cells.get(3).isEmpty()) {
      row.put("pool", cells.get(3));
    }
    if (!cells.get(4).isEmpty()) {
      row.put("capacity", Integer.parseInt(cells.get(4)));
    }
    return row;
  }

  private static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    for (String cell : line.split(",", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }
}
