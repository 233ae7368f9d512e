package io.callmask.server.masking;

/**
 * A store transaction lost a race with another one (a unique key or a conditional update said
 * no, or a lock could not be had) and was rolled back. {@link MaskingService} retries the whole
 * unit of work; this never reaches its callers.
 */
public final class ConcurrentChangeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A conflict described by {@code message}, caused by {@code cause} (may be null). */
  public ConcurrentChangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
