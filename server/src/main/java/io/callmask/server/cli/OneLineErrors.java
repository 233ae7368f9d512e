package io.callmask.server.cli;

import io.callmask.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to one line on stderr and an exit code from {@link ExitCodes}. Stack traces are
 * for bugs and go to the log, not the operator's terminal.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    commandLine.getErr().println("callmask: " + message);
    if (e instanceof CliFailure failure) {
      return failure.exitCode();
    }
    return e instanceof ConfigException ? ExitCodes.USAGE : ExitCodes.FAILED;
  }
}
