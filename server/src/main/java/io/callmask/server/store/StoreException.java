package io.callmask.server.store;

/** The database failed (I/O, a bug in SQL, a broken constraint that is no race). */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
