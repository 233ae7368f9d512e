package io.callmask.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a JSON value against an OpenAPI 3.0 schema: the subset our description uses ({@code
 * $ref}, {@code type}, {@code required}, {@code properties}, {@code items}, {@code nullable},
 * {@code enum}, {@code oneOf}). Returns what does not match, empty when it all does.
 */
final class SchemaCheck {

  private final JsonNode document;

  SchemaCheck(JsonNode document) {
    this.document = document;
  }

  List<String> problems(JsonNode schema, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema, value, "$", problems);
    return problems;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
    schema = resolve(schema);
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        problems.add(path + " is null but not nullable");
      }
      return;
    }
    if (schema.has("oneOf")) {
      int matching = 0;
      for (JsonNode option : schema.get("oneOf")) {
        if (problems(option, value).isEmpty()) {
          matching++;
        }
      }
      if (matching != 1) {
        problems.add(path + " matches " + matching + " of the oneOf schemas, not exactly 1");
      }
      return;
    }
    String type = schema.path("type").asText("");
    if (!hasType(value, type)) {
      problems.add(path + " should be " + type + " but is " + value.getNodeType());
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      problems.add(path + " = " + value + " is not one of " + schema.get("enum"));
    }
    if (type.equals("object")) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(path + " lacks required '" + required.asText() + "'");
        }
      }
      schema.path("properties").fields().forEachRemaining(property -> {
        if (value.has(property.getKey())) {
          check(property.getValue(), value.get(property.getKey()), path + "." + property.getKey(),
              problems);
        }
      });
    }
    if (type.equals("array")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  /** Follows a local {@code $ref} such as {@code #/components/schemas/Session}. */
  JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      node = document.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "" -> true;
      default -> false;
    };
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode candidate : values) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
