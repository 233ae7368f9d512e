package io.callmask.server.cli;

import io.callmask.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to one line on stderr and an exit code: 2 for bad configuration or usage, 1 for
 * anything else. Stack traces are for bugs and go to the log, not the operator's terminal.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

  static final int CONFIG_ERROR = 2;
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    commandLine.getErr().println("callmask: " + message);
    return e instanceof ConfigException ? CONFIG_ERROR : FAILURE;
  }
}
