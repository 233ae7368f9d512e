package io.callmask.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of one JSON object from a request, each failure a 400 naming the field: {@code
 * missing_field}, {@code invalid_field}, or {@code unknown_field} for a field the endpoint does not
 * take (so a typo such as {@code "custmer"} is an error, not a silently ignored value).
 */
final class RequestBody {

  private final JsonNode object;
  private final String where;

  private RequestBody(JsonNode object, String where) {
    this.object = object;
    this.where = where;
  }

  /** {@code node} as an object taking only {@code fields}; {@code where} prefixes messages. */
  static RequestBody of(JsonNode node, Set<String> fields, String where) {
    if (!node.isObject()) {
      throw invalid(where, "expected a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new ApiException(ApiError.badRequest("unknown_field",
            where + "unknown field '" + name + "'; expected " + String.join(", ", fields)));
      }
    }
    return new RequestBody(node, where);
  }

  String text(String field) {
    return optionalText(field).orElseThrow(() -> new ApiException(ApiError.badRequest(
        "missing_field", where + "'" + field + "' is required")));
  }

  Optional<String> optionalText(String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid(where, "'" + field + "' must be a string");
    }
    return Optional.of(value.asText());
  }

  Optional<Integer> optionalInt(String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw invalid(where, "'" + field + "' must be a whole number");
    }
    return Optional.of(value.asInt());
  }

  Optional<List<String>> optionalTextList(String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isArray()) {
      throw invalid(where, "'" + field + "' must be an array of strings");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw invalid(where, "'" + field + "' must be an array of strings");
      }
      items.add(item.asText());
    }
    return Optional.of(items);
  }

  /** A value that failed the domain's own checks, with the domain's message. */
  ApiException invalidField(String field, String problem) {
    return invalid(where, "'" + field + "': " + problem);
  }

  private static ApiException invalid(String where, String message) {
    return new ApiException(ApiError.badRequest("invalid_field", where + message));
  }
}
