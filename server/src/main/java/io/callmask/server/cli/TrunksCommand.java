package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callmask trunks add|list}: the carrier trunks that own proxy numbers. */
@Command(name = "trunks", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Carrier trunks: where calls to and from proxy numbers go.")
final class TrunksCommand {

  @Spec CommandSpec spec;

  @Command(name = "add", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Add a trunk.")
  int add(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "NAME", description = "Trunk name, e.g. airtel-ka.") String name,
      @Option(names = "--gateway", required = true, paramLabel = "HOST:PORT",
          description = "The carrier's SIP gateway.") String gateway,
      @Option(names = "--transport", defaultValue = "udp", paramLabel = "udp|tcp",
          description = "Transport to the gateway (default: ${DEFAULT-VALUE}).") String transport,
      @Option(names = "--allow", paramLabel = "CIDR",
          description = "Source addresses accepted from this trunk (default: the gateway's).")
          List<String> allow) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("gateway", gateway);
    body.put("transport", transport);
    if (allow != null) {
      body.put("allow", allow);
    }
    JsonNode trunk = client.client().post("/v1/trunks", body);
    if (client.json) {
      Output.json(spec.commandLine().getOut(), trunk);
    } else {
      spec.commandLine().getOut().println("added trunk " + Output.text(trunk, "name"));
    }
    return ExitCodes.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List trunks with their status: up or down by OPTIONS probes, or unknown.")
  int list(@Mixin ClientOptions client) {
    JsonNode trunks = client.client().get("/v1/trunks");
    if (client.json) {
      Output.json(spec.commandLine().getOut(), trunks);
      return ExitCodes.OK;
    }
    Table table = new Table("NAME", "GATEWAY", "TRANSPORT", "STATUS", "ALLOW");
    for (JsonNode trunk : trunks) {
      List<String> allow = new ArrayList<>();
      trunk.path("allow").forEach(cidr -> allow.add(cidr.asText()));
      table.row(Output.text(trunk, "name"), Output.text(trunk, "gateway"),
          Output.text(trunk, "transport"), Output.text(trunk, "status"), String.join(",", allow));
    }
    table.print(spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
