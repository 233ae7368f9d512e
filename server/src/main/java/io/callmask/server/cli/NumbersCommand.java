package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callmask numbers add|list|health|import}: the proxy-number pool. */
@Command(name = "numbers", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    subcommands = NumbersImportCommand.class,
    description = "Proxy numbers (DIDs) in regional pools.")
final class NumbersCommand {

  @Spec CommandSpec spec;

  @Command(name = "add", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Add one proxy number.")
  int add(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "+E164", description = "The number, e.g. +918040000001.")
          String number,
      @Option(names = "--trunk", required = true, paramLabel = "NAME") String trunk,
      @Option(names = "--region", required = true, paramLabel = "REGION") String region,
      @Option(names = "--pool", paramLabel = "customer|partner|shared",
          description = "Pool (default: the server's choice for its allocation strategy).")
          String pool,
      @Option(names = "--capacity", paramLabel = "N",
          description = "Live sessions the number may serve (default: unlimited).")
          Integer capacity) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("number", number);
    body.put("trunk", trunk);
    body.put("region", region);
    if (pool != null) {
      body.put("pool", pool);
    }
    if (capacity != null) {
      body.put("capacity", capacity);
    }
    JsonNode added = client.client().post("/v1/numbers", body);
    if (client.json) {
      Output.json(spec.commandLine().getOut(), added);
    } else {
      spec.commandLine().getOut().println("added " + Output.text(added, "number"));
    }
    return ExitCodes.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List proxy numbers.")
  int list(
      @Mixin ClientOptions client,
      @Option(names = "--region", paramLabel = "R") String region,
      @Option(names = "--trunk", paramLabel = "T") String trunk,
      @Option(names = "--health", paramLabel = "healthy|unhealthy") String health) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    addQuery(query, "region", region);
    addQuery(query, "trunk", trunk);
    addQuery(query, "health", health);
    JsonNode numbers = client.client().get("/v1/numbers" + query);
    if (client.json) {
      Output.json(spec.commandLine().getOut(), numbers);
      return ExitCodes.OK;
    }
    Table table = new Table("NUMBER", "TRUNK", "REGION", "POOL", "CAPACITY", "HEALTH");
    for (JsonNode n : numbers) {
      table.row(Output.text(n, "number"), Output.text(n, "trunk"), Output.text(n, "region"),
          Output.text(n, "pool"), Output.text(n, "capacity"), Output.text(n, "health"));
    }
    table.print(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  @Command(name = "health", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Report a number healthy or unhealthy; live sessions on an unhealthy number"
          + " get a replacement.")
  int health(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "+E164") String number,
      @Option(names = "--status", required = true, paramLabel = "healthy|unhealthy")
          String status,
      @Option(names = "--reason", paramLabel = "TEXT") String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    if (reason != null) {
      body.put("reason", reason);
    }
    JsonNode result = client.client().post(
        "/v1/numbers/" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "/health", body);
    if (client.json) {
      Output.json(spec.commandLine().getOut(), result);
    } else {
      spec.commandLine().getOut().println(Output.text(result, "number") + " is now "
          + Output.text(result, "health") + "; sessions given a new number: "
          + result.path("replaced_sessions").asInt(0));
    }
    return ExitCodes.OK;
  }

  private static void addQuery(StringJoiner query, String name, String value) {
    if (value != null) {
      query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
