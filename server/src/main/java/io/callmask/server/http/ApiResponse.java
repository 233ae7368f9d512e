package io.callmask.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** What a route answers: status, content type and body bytes. Immutable. */
public record ApiResponse(HttpResponseStatus status, String contentType, byte[] body) {

  static final String JSON = "application/json";

  public ApiResponse {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** {@code value} as JSON with {@code status}. */
  public static ApiResponse json(HttpResponseStatus status, Object value) {
    return new ApiResponse(status, JSON, Json.write(value));
  }

  /** {@code value} as JSON with 200. */
  public static ApiResponse ok(Object value) {
    return json(HttpResponseStatus.OK, value);
  }

  /** Plain text, e.g. the Prometheus exposition format. */
  public static ApiResponse text(String contentType, String text) {
    return new ApiResponse(HttpResponseStatus.OK, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The contract's error body: {@code {"error": CODE, "message": TEXT}}. */
  public static ApiResponse error(ApiError error) {
    return json(error.status(), new ErrorBody(error.code(), error.message()));
  }

  private record ErrorBody(String error, String message) {}
}
