package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callmask stats}: pool use per region, pool and trunk. */
@Command(name = "stats", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Pool use per region, pool and trunk.")
final class StatsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClientOptions client;

  @Override
  public Integer call() {
    JsonNode stats = client.client().get("/v1/stats");
    if (client.json) {
      Output.json(spec.commandLine().getOut(), stats);
      return ExitCodes.OK;
    }
    Table table = new Table("REGION", "POOL", "TRUNK", "NUMBERS", "HEALTHY", "LIVE SESSIONS",
        "CAPACITY");
    for (JsonNode pool : stats.path("pools")) {
      table.row(Output.text(pool, "region"), Output.text(pool, "pool"), Output.text(pool, "trunk"),
          Output.text(pool, "numbers"), Output.text(pool, "healthy"),
          Output.text(pool, "live_sessions"), Output.text(pool, "capacity"));
    }
    table.print(spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
