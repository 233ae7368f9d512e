package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callmask sessions create|list|show|close}: masking sessions. */
@Command(name = "sessions", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Masking sessions between a customer and a partner.")
final class SessionsCommand {

  @Spec CommandSpec spec;

  @Command(name = "create", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Create a session (or return the one with the same --ref).")
  int create(
      @Mixin ClientOptions client,
      @Option(names = "--customer", required = true, paramLabel = "+E164") String customer,
      @Option(names = "--partner", required = true, paramLabel = "+E164") String partner,
      @Option(names = "--region", required = true, paramLabel = "R") String region,
      @Option(names = "--ref", paramLabel = "REF",
          description = "The marketplace's reference, e.g. an order id; makes create idempotent.")
          String ref) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", customer);
    body.put("partner", partner);
    body.put("region", region);
    if (ref != null) {
      body.put("ref", ref);
    }
    print(client, client.client().post("/v1/sessions", body));
    return ExitCodes.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List sessions, newest first.")
  int list(
      @Mixin ClientOptions client,
      @Option(names = "--status", paramLabel = "active|closed") String status) {
    String query = status == null ? "" : "?status=" + URLEncoder.encode(status, StandardCharsets.UTF_8);
    JsonNode sessions = client.client().get("/v1/sessions" + query);
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      Output.json(out, sessions);
      return ExitCodes.OK;
    }
    Table table = new Table("ID", "REF", "STATUS", "REGION", "CUSTOMER SEES", "PARTNER SEES");
    for (JsonNode s : sessions) {
      table.row(Output.text(s, "id"), Output.text(s, "ref"), Output.text(s, "status"),
          Output.text(s, "region"), Output.text(s.path("customer"), "proxy"),
          Output.text(s.path("partner"), "proxy"));
    }
    table.print(out);
    return ExitCodes.OK;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Show one session.")
  int show(@Mixin ClientOptions client, @Parameters(paramLabel = "ID") String id) {
    print(client, client.client().get("/v1/sessions/" + encode(id)));
    return ExitCodes.OK;
  }

  @Command(name = "close", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Close a session; its numbers stay reserved for the quarantine.")
  int close(@Mixin ClientOptions client, @Parameters(paramLabel = "ID") String id) {
    print(client, client.client().delete("/v1/sessions/" + encode(id)));
    return ExitCodes.OK;
  }

  private void print(ClientOptions client, JsonNode session) {
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      Output.json(out, session);
      return;
    }
    out.println("session " + Output.text(session, "id") + " (" + Output.text(session, "status")
        + ", region " + Output.text(session, "region")
        + (session.hasNonNull("ref") ? ", ref " + Output.text(session, "ref") : "") + ")");
    Table table = new Table("PARTY", "NUMBER", "SEES", "BACKUP", "CLICK-TO-CALL");
    for (String party : new String[] {"customer", "partner"}) {
      JsonNode side = session.path(party);
      table.row(party, Output.text(side, "number"), Output.text(side, "proxy"),
          Output.text(side, "backup_proxy"), Output.text(side, "click_to_call"));
    }
    table.print(out);
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
