package io.callmask.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The API's one JSON codec: snake_case names (records' {@code backupProxy} is {@code
 * backup_proxy}), ISO-8601 timestamps, nulls written (the contract shows {@code "closed_at":
 * null}).
 * Thread-safe: a configured {@link ObjectMapper} is.
 */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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
