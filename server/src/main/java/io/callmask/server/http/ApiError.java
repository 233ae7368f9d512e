package io.callmask.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * An error the API reports: an HTTP status, a stable machine-readable code and a message for
 * people. Messages never carry a phone number or a token.
 */
public record ApiError(HttpResponseStatus status, String code, String message) {

  public ApiError {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static ApiError badRequest(String code, String message) {
    return new ApiError(HttpResponseStatus.BAD_REQUEST, code, message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(HttpResponseStatus.NOT_FOUND, "not_found", message);
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(HttpResponseStatus.CONFLICT, code, message);
  }

  static ApiError unauthorized() {
    return new ApiError(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
        "missing or wrong bearer token (Authorization: Bearer TOKEN)");
  }

  static ApiError methodNotAllowed(String method, String path) {
    return new ApiError(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
        method + " is not supported on " + path);
  }

  static ApiError tooLarge(int maxBytes) {
    return new ApiError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
        "request body over " + maxBytes + " bytes");
  }

  static ApiError unavailable() {
    return new ApiError(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
        "the server is shutting down");
  }

  static ApiError overloaded(int retryAfterSeconds) {
    return new ApiError(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded",
        "the server is behind on its SIP traffic and starts no new call for now; try again in "
        + retryAfterSeconds + " s");
  }

  static ApiError internal() {
    return new ApiError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
        "the server failed to handle this request; see its log");
  }
}
