package io.callmask.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.http.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code callmask numbers import FILE.csv}: all rows in one all-or-nothing batch. Bad rows are
 * reported by their line in the file and nothing is imported, so a fixed file can simply be
 * imported again.
 */
@Command(name = "import", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Import numbers from a CSV with the header number,trunk,region,pool,capacity"
        + " (pool and capacity may be empty). All rows or none.")
final class NumbersImportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClientOptions client;

  @Parameters(paramLabel = "FILE.csv") Path file;

  @Override
  public Integer call() {
    NumbersCsv.Rows rows = NumbersCsv.read(file);
    byte[] body = Json.write(rows.objects());
    ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "importing " + file.getFileName(),
        body.length);
    long started = System.nanoTime();
    ApiClient.Reply reply = client.client().postWithProgress("/v1/numbers", body, bar::update);
    bar.finish();
    if (reply.status() >= 300) {
      throw new CliFailure(ExitCodes.forStatus(reply.status()), describe(reply.body(), rows));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      Output.json(out, reply.body());
    } else {
      out.printf("imported %d numbers from %s in %.1f s%n", rows.objects().size(), file,
          (System.nanoTime() - started) / 1e9);
    }
    return ExitCodes.OK;
  }

  /** The server's verdict, with each bad row named by its line in the file. */
  private String describe(JsonNode error, NumbersCsv.Rows rows) {
    List<String> lines = new ArrayList<>();
    for (JsonNode row : error.path("rows")) {
      int index = row.path("index").asInt(-1);
      String where = index >= 0 && index < rows.lines().size()
          ? file + " line " + rows.lines().get(index)
          : file.toString();
      lines.add(where + ": " + row.path("message").asText());
    }
    lines = new ArrayList<>(NumbersCsv.first(lines));
    lines.add(error.path("message").asText("the server refused the import"));
    return String.join(System.lineSeparator(), lines);
  }
}
