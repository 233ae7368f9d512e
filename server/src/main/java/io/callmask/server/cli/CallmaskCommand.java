package io.callmask.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code callmask} entry point: dispatches to sub-commands. */
@Command(
    name = "callmask",
    mixinStandardHelpOptions = true,
    version = "callmask 0.1.0",
    description = "Self-hosted SIP number masking for marketplaces.",
    subcommands = {
        ServeCommand.class,
        TrunksCommand.class,
        NumbersCommand.class,
        SessionsCommand.class,
        CallsCommand.class,
        ClickToCallCommand.class,
        EventsCommand.class,
        StatsCommand.class,
        DemoCommand.class,
        SimulateCommand.class,
        CommandLine.HelpCommand.class})
public final class CallmaskCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new CallmaskCommand());
    commandLine.setExecutionExceptionHandler(new OneLineErrors());
    return commandLine;
  }
}
