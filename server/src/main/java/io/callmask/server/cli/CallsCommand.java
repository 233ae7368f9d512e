package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callmask calls list|show}: call records. */
@Command(name = "calls", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Call records: forwarded and click-to-call calls, with their attempts.")
final class CallsCommand {

  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List calls, newest first: of all sessions, or of one.")
  int list(
      @Mixin ClientOptions client,
      @Option(names = "--session", paramLabel = "ID", description = "Only this session's calls.")
          String session,
      @Option(names = "--limit", paramLabel = "N",
          description = "At most N calls, 1 to 1000 (default 100).") Integer limit) {
    List<String> query = new ArrayList<>();
    if (session != null) {
      query.add("session=" + encode(session));
    }
    if (limit != null) {
      query.add("limit=" + limit);
    }
    JsonNode calls = client.client()
        .get("/v1/calls" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      Output.json(out, calls);
      return ExitCodes.OK;
    }
    Table table = new Table("ID", "SESSION", "KIND", "FROM", "STATUS", "ATTEMPTS", "STARTED",
        "DURATION");
    for (JsonNode c : calls) {
      table.row(Output.text(c, "id"), Output.text(c, "session"), Output.text(c, "kind"),
          Output.text(c, "from"), Output.text(c, "status"), attempts(c),
          Output.text(c, "started_at"), duration(c));
    }
    table.print(out);
    return ExitCodes.OK;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Show one call with its attempts.")
  int show(@Mixin ClientOptions client, @Parameters(paramLabel = "ID") String id) {
    JsonNode call = client.client().get("/v1/calls/" + encode(id));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      Output.json(out, call);
      return ExitCodes.OK;
    }
    print(out, call);
    return ExitCodes.OK;
  }

  /** One call as {@code calls show} prints it: a heading, its times, then its attempts. */
  static void print(PrintWriter out, JsonNode call) {
    out.println("call " + Output.text(call, "id") + " (" + Output.text(call, "status") + ", "
        + Output.text(call, "kind") + " from " + Output.text(call, "from") + ", session "
        + Output.text(call, "session") + ")");
    field(out, "started", Output.text(call, "started_at"));
    field(out, "answered", Output.text(call, "answered_at"));
    field(out, "ended", Output.text(call, "ended_at"));
    field(out, "duration", duration(call));
    field(out, "failure", Output.text(call, "failure"));
    out.println();
    Table table = new Table("#", "TRUNK", "PRESENTED", "SIP STATUS");
    int n = 1;
    for (JsonNode attempt : call.path("attempts")) {
      table.row(n++, Output.text(attempt, "trunk"), Output.text(attempt, "presented"),
          Output.text(attempt, "sip_status"));
    }
    table.print(out);
  }

  /** Each attempt as its trunk and SIP status, e.g. {@code airtel 503, jio 200}. */
  private static String attempts(JsonNode call) {
    List<String> attempts = new ArrayList<>();
    for (JsonNode attempt : call.path("attempts")) {
      String status = Output.text(attempt, "sip_status");
      attempts.add(Output.text(attempt, "trunk") + (status == null ? "" : " " + status));
    }
    return attempts.isEmpty() ? null : String.join(", ", attempts);
  }

  private static String duration(JsonNode call) {
    String seconds = Output.text(call, "duration_s");
    return seconds == null ? null : seconds + " s";
  }

  private static void field(PrintWriter out, String name, String value) {
    out.println(String.format("%-9s %s", name, value == null ? "-" : value));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
