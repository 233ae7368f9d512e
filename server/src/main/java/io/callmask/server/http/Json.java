package io.callmask.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callmask.server.view.ViewJson;
import java.io.IOException;

/**
 * The API's JSON codec, configured by {@link ViewJson} (snake_case, ISO-8601 timestamps, nulls
 * written) so that answers and webhook events look alike; client mistakes become 400s.
 * Thread-safe: a configured {@link ObjectMapper} is.
 */
public final class Json {

  private static final ObjectMapper MAPPER = ViewJson.mapper();

  private Json() {}

  /** {@code value} as UTF-8 JSON bytes. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses a request body; a client's malformed JSON becomes a 400 {@code invalid_json}. */
  public static JsonNode readTree(byte[] body) {
    if (body.length == 0) {
      throw new ApiException(ApiError.badRequest("invalid_json", "request body is empty"));
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(ApiError.badRequest("invalid_json",
          "request body is not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ApiException(ApiError.badRequest("invalid_json", "request body is unreadable"));
    }
  }
}
