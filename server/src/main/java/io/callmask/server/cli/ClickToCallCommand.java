package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code callmask click-to-call SESSION_ID --from customer|partner}: starts a click-to-call and
 * prints the call as it stands (ringing); {@code calls show ID} follows it.
 */
@Command(name = "click-to-call", mixinStandardHelpOptions = true,
    footer = ExitCodes.HELP_FOOTER,
    description = "Call the --from party of a session, then the other, and join them.")
final class ClickToCallCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClientOptions client;

  @Parameters(paramLabel = "SESSION_ID", description = "The masking session.")
  String session;

  @Option(names = "--from", required = true, paramLabel = "customer|partner",
      description = "The party that asked for the call: called first, with its proxy as caller"
          + " ID.")
  String from;

  @Override
  public Integer call() {
    JsonNode call = client.client().post("/v1/sessions/"
        + URLEncoder.encode(session, StandardCharsets.UTF_8) + "/calls", Map.of("from", from));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      Output.json(out, call);
    } else {
      CallsCommand.print(out, call);
    }
    return ExitCodes.OK;
  }
}
