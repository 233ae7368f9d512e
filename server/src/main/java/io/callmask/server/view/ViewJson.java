package io.callmask.server.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of everything callmask shows outside: snake_case names (records'
 * {@code backupProxy} is {@code backup_proxy}), ISO-8601 timestamps, nulls written (the contract
 * shows {@code "closed_at": null}). Thread-safe: a configured {@link ObjectMapper} is, and nobody
 * reconfigures it after this class is loaded.
 */
public final class ViewJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private ViewJson() {}

  /** The shared mapper; callers must not change its configuration. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code value} as JSON text. */
  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
