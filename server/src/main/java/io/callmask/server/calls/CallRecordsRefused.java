package io.callmask.server.calls;

/**
 * Thrown by {@link CallRecordStore#saveAll} when the database refuses the records for what they
 * hold (a value too long, a broken constraint), so that writing the same records again cannot
 * succeed. Any other failure of {@code saveAll} is taken as passing (the database unreachable,
 * a lock timeout) and the records are written again later.
 */
public final class CallRecordsRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CallRecordsRefused(String message, Throwable cause) {
    super(message, cause);
  }
}
