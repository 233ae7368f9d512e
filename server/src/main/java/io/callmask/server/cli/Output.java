package io.callmask.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.callmask.server.view.ViewJson;
import java.io.PrintWriter;

/** Prints what the server answered: its JSON when {@code --json} was given, else a table. */
final class Output {

  private static final ObjectWriter PRETTY = ViewJson.mapper().writerWithDefaultPrettyPrinter();

  private Output() {}

  static void json(PrintWriter out, JsonNode body) {
    try {
      out.println(PRETTY.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always serialises", e);
    }
    out.flush();
  }

  /** {@code field} of {@code node} as text, or null when absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
