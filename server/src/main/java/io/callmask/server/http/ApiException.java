package io.callmask.server.http;

/**
 * Unwinds request validation (bad JSON, a missing field) to the one place that writes errors, so
 * that route handlers read as the happy path. Only for input the client got wrong; outcomes of the
 * domain (pool exhausted, no such session) are values the routes map themselves.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ApiError error;

  public ApiException(ApiError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
