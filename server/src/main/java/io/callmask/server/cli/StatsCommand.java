package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callmask stats}: pool use per region, pool and trunk; calls by status, failovers. */
@Command(name = "stats", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Pool use per region, pool and trunk; calls by status and failovers.")
final class StatsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClientOptions client;

  @Option(names = "--window", paramLabel = "DURATION",
      description = "Count the calls that started in this ISO-8601 duration back from now, e.g."
          + " PT1H or P7D, or 'all' (default: PT24H).")
  String window;

  @Override
  public Integer call() {
    String query = window == null ? "" : "?window=" + URLEncoder.encode(window,
        StandardCharsets.UTF_8);
    JsonNode stats = client.client().get("/v1/stats" + query);
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      Output.json(out, stats);
      return ExitCodes.OK;
    }
    Table table = new Table("REGION", "POOL", "TRUNK", "NUMBERS", "HEALTHY", "LIVE SESSIONS",
        "CAPACITY");
    for (JsonNode pool : stats.path("pools")) {
      table.row(Output.text(pool, "region"), Output.text(pool, "pool"), Output.text(pool, "trunk"),
          Output.text(pool, "numbers"), Output.text(pool, "healthy"),
          Output.text(pool, "live_sessions"), Output.text(pool, "capacity"));
    }
    table.print(out);
    printCalls(out, stats.path("calls"));
    return ExitCodes.OK;
  }

  /** A line saying which calls were counted, then the count of each status. */
  private static void printCalls(PrintWriter out, JsonNode calls) {
    out.println();
    String window = Output.text(calls, "window");
    String span = "all".equals(window)
        ? "Calls of all time"
        : "Calls in the last " + readable(window) + " (since " + Output.text(calls, "since") + ")";
    out.println(span + ": " + Output.text(calls, "total") + ", "
        + Output.text(calls, "failovers") + " failed over to the backup trunk");
    Table table = new Table("STATUS", "CALLS");
    for (Iterator<Map.Entry<String, JsonNode>> it = calls.path("by_status").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> status = it.next();
      table.row(status.getKey(), status.getValue().asText());
    }
    table.print(out);
  }

  /** {@code PT24H} as {@code 24h}, {@code PT168H} as {@code 7d}, {@code PT90M} as {@code 90m}. */
  static String readable(String isoDuration) {
    Duration d;
    try {
      d = Duration.parse(String.valueOf(isoDuration));
    } catch (DateTimeParseException e) {
      return String.valueOf(isoDuration); // not ours to judge: show what the server said
    }
    long seconds = d.getSeconds();
    if (d.getNano() != 0 || seconds <= 0) {
      return isoDuration;
    }
    if (seconds % 86_400 == 0 && seconds > 86_400) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
