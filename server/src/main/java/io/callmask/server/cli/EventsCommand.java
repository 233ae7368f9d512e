package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callmask events list|retry}: the webhook outbox and its dead letters. */
@Command(name = "events", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Events sent to the marketplace's webhook, and their delivery.")
final class EventsCommand {

  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List events, newest first.")
  int list(
      @Mixin ClientOptions client,
      @Option(names = "--state", paramLabel = "pending|delivered|dead") String state,
      @Option(names = "--session", paramLabel = "ID") String session) {
    List<String> query = new ArrayList<>();
    if (state != null) {
      query.add("state=" + encode(state));
    }
    if (session != null) {
      query.add("session=" + encode(session));
    }
    JsonNode events = client.client()
        .get("/v1/events" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      Output.json(out, events);
      return ExitCodes.OK;
    }
    Table table = new Table("ID", "TYPE", "SESSION", "SEQ", "STATE", "ATTEMPTS", "LAST ERROR");
    for (JsonNode e : events) {
      table.row(Output.text(e, "id"), Output.text(e, "type"), Output.text(e, "session"),
          Output.text(e, "sequence"), Output.text(e, "state"), Output.text(e, "attempts"),
          Output.text(e, "last_error"));
    }
    table.print(out);
    return ExitCodes.OK;
  }

  @Command(name = "retry", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Requeue a dead event for delivery.")
  int retry(@Mixin ClientOptions client, @Parameters(paramLabel = "ID") String id) {
    JsonNode event = client.client().post("/v1/events/" + encode(id) + "/retry", Map.of());
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      Output.json(out, event);
    } else {
      out.println("requeued " + Output.text(event, "id") + " (" + Output.text(event, "type")
          + ")");
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
