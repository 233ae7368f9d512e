package io.callmask.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

  @TempDir Path dir;

  @Test
  void sweepsASmallWorkloadPrintingEveryStrategyAndWritingTheChart() throws Exception {
    Path chart = dir.resolve("plan.svg");
    StringWriter out = new StringWriter();

    int exit = run(out, "simulate", "--customers", "200", "--partners", "10",
        "--sessions-per-day", "50", "--days", "6", "--quarantine", "P2D", "--scales", "1,4",
        "--chart", chart.toString());

    assertThat(exit).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).contains("two-pool").contains("single-pool").contains("dedicated");
    assertThat(lines).hasSize(5);
    assertThat(Files.readString(chart)).startsWith("<svg").contains("dedicated");
  }

  @Test
  void replaysARecordedCsv() throws Exception {
    Path csv = dir.resolve("sessions.csv");
    Files.write(csv, List.of(
        "time,customer,partner,event",
        "2026-01-01T10:00:00Z,+919800000001,+919800000101,open",
        "2026-01-01T10:05:00Z,+919800000002,+919800000101,open",
        "2026-01-01T10:30:00Z,+919800000001,+919800000101,close",
        "2026-01-01T10:40:00Z,+919800000002,+919800000101,close"));
    StringWriter out = new StringWriter();

    int exit = run(out, "simulate", "--csv", csv.toString(), "--chart",
        dir.resolve("c.svg").toString());

    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString().split("\n")).hasSize(4);
  }

  @Test
  void aBadParameterIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = CallmaskCommand.newCommandLine();
    commandLine.setErr(new PrintWriter(err, true));

    int exit = commandLine.execute("simulate", "--trunks", "1", "--chart",
        dir.resolve("x.svg").toString());

    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith("callmask: at least 2 trunks");
  }

  private static int run(StringWriter out, String... args) {
    CommandLine commandLine = CallmaskCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    return commandLine.execute(args);
  }
}
