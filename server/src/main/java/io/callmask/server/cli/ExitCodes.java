package io.callmask.server.cli;

/**
 * What {@code callmask} exits with, so scripts can tell failures apart. Listed in every command's
 * help footer.
 */
final class ExitCodes {

  static final int OK = 0;
  /** The server refused the request (bad input) or failed. */
  static final int FAILED = 1;
  /** Bad command line or configuration. */
  static final int USAGE = 2;
  /** No server answered at the API address. */
  static final int UNREACHABLE = 3;
  /** The thing named does not exist (HTTP 404). */
  static final int NOT_FOUND = 4;
  /** A conflict: pool exhausted, ref reused, already exists (HTTP 409). */
  static final int CONFLICT = 5;

  static final String HELP_FOOTER = "%nExit codes: 0 ok, 1 refused or failed, 2 usage or"
      + " configuration error, 3 no server, 4 not found, 5 conflict.";

  private ExitCodes() {}

  /** The exit code for an HTTP error status. */
  static int forStatus(int status) {
    return switch (status) {
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      default -> FAILED;
    };
  }
}
